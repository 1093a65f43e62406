import { describe, expect, it } from "vitest";
import { bearerToken, hashToken, newToken } from "./tokens";

describe("API token text", () => {
  it("is ripe_ + 32 random bytes, stored as its sha256", () => {
    const a = newToken();
    const b = newToken();
    expect(a.token).toMatch(/^ripe_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token.slice(5));
    expect(a.token.startsWith(a.hint)).toBe(true);
  });

  it("is read from a Bearer header only when it has the Ripe shape", () => {
    const { token } = newToken();
    expect(bearerToken(new Headers({ authorization: `Bearer ${token}` }))).toBe(token);
    expect(bearerToken(new Headers({ authorization: `bearer  ${token} ` }))).toBe(token);
    expect(bearerToken(new Headers({ authorization: `Basic ${token}` }))).toBeNull();
    expect(bearerToken(new Headers({ authorization: "Bearer ripe_short" }))).toBeNull();
    expect(bearerToken(new Headers())).toBeNull();
  });
});
