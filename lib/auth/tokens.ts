// API token text: "ripe_" + 32 random bytes (base64url), so a leaked one is recognisable in a log
// or a secret scanner. Only its sha256 is stored: the secret has 256 bits of entropy, so a fast
// hash is enough (no password stretching needed), and a database dump holds nothing usable.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "ripe_";
const TOKEN_PATTERN = /^ripe_[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

export function newToken(): { token: string; hash: string; hint: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), hint: token.slice(0, TOKEN_PREFIX.length + 4) };
}

/** The token an `Authorization: Bearer …` header carries, or null (no header, another scheme, not a Ripe token). */
export function bearerToken(headers: Headers): string | null {
  const value = headers.get("authorization");
  if (!value) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match && TOKEN_PATTERN.test(match[1]) ? match[1] : null;
}

/** Whether the header names the Bearer scheme at all (a malformed token is refused, not ignored). */
export const hasBearer = (headers: Headers) => /^Bearer\s/i.test(headers.get("authorization") ?? "");
