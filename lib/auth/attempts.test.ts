import { describe, expect, it } from "vitest";
import { attemptLimiter } from "./attempts";

describe("attemptLimiter", () => {
  it("allows max attempts per key in the window, then refuses until the window has passed", () => {
    const limiter = attemptLimiter(3, 10_000);
    expect([1, 2, 3].map((second) => limiter.isAllowed("ana@example.org", second * 1000))).toEqual([true, true, true]);
    expect(limiter.isAllowed("ana@example.org", 4000)).toBe(false);
    expect(limiter.isAllowed("bo@example.org", 4000)).toBe(true);
    expect(limiter.isAllowed("ana@example.org", 11_001)).toBe(true);
  });
});
