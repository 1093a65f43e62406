import { describe, expect, it } from "vitest";
import { TOKEN_DAYS_CHOICES, TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, tokenDaysSchema, tokenExpiry } from "./token-expiry";

describe("API token lifetimes", () => {
  it("takes whole days from 1 to a year, the form's choices among them", () => {
    for (const days of [1, TOKEN_DAYS_DEFAULT, TOKEN_DAYS_MAX, ...TOKEN_DAYS_CHOICES])
      expect(tokenDaysSchema.safeParse(days).success).toBe(true);
    for (const days of [0, -1, 1.5, TOKEN_DAYS_MAX + 1, 100_000]) expect(tokenDaysSchema.safeParse(days).success).toBe(false);
    expect(TOKEN_DAYS_CHOICES).toContain(TOKEN_DAYS_DEFAULT);
  });

  it("counts the days from creation", () => {
    expect(tokenExpiry(90, new Date("2026-01-01T00:00:00Z")).toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });
});
