import "server-only";
// The session of a request without better-auth's endpoint machinery, for the common case only:
// the signed session cookie is checked (HMAC-SHA256 with the auth secret, as better-call signs
// it) and the session, account, reviewer and dataset roles come from one statement. Anything
// unusual — no row, an expired session, one due for its sliding refresh, a "don't remember me"
// session — is answered "ask better-auth", whose getSession then does exactly what it always did
// (deleting expired sessions, refreshing the expiry and cookie). So sign-out, sign-out everywhere
// and disabling an account take effect on the next request, as before: nothing is cached.
import crypto from "node:crypto";
import type { DbHandle } from "../db/client";
import { sessionByToken, type SessionSnapshot } from "../db/queries/session-lookup";
import type { Auth } from "./auth";

export const ASK_BETTER_AUTH = Symbol("ask better-auth");

/** The first value of a cookie in a Cookie header, decoded as better-call decodes it. */
function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/** The token of a `token.signature` cookie value whose signature is the secret's, else null. */
function verifiedToken(signed: string, secret: string): string | null {
  const dot = signed.lastIndexOf(".");
  if (dot < 1) return null;
  const token = signed.slice(0, dot);
  const signature = Buffer.from(signed.slice(dot + 1));
  const expected = Buffer.from(crypto.createHmac("sha256", secret).update(token).digest("base64"));
  return signature.length === expected.length && crypto.timingSafeEqual(signature, expected) ? token : null;
}

/**
 * The request's session snapshot; null when it has no valid session cookie (better-auth answers
 * null then too); ASK_BETTER_AUTH when better-auth must decide (and may write).
 */
export async function quickSession(auth: Auth, db: DbHandle, headers: Headers): Promise<SessionSnapshot | null | typeof ASK_BETTER_AUTH> {
  const context = await auth.$context;
  const cookies = headers.get("cookie");
  const signed = cookies ? cookieValue(cookies, context.authCookies.sessionToken.name) : null;
  if (!signed) return null;
  const token = verifiedToken(signed, context.secret);
  if (!token) return null;
  // A "don't remember me" session, or a left-over session-data cookie better-auth would clear.
  const { dontRememberToken, sessionData } = context.authCookies;
  if (cookieValue(cookies!, dontRememberToken.name) !== null || cookieValue(cookies!, sessionData.name) !== null) return ASK_BETTER_AUTH;
  const snapshot = await sessionByToken(db, token);
  if (!snapshot) return ASK_BETTER_AUTH;
  const now = Date.now();
  const { expiresIn, updateAge } = context.sessionConfig;
  if (snapshot.expiresAt.getTime() <= now) return ASK_BETTER_AUTH;
  // better-auth's rule for extending the session (and its cookie): leave that to it.
  if (snapshot.expiresAt.getTime() - expiresIn * 1000 + updateAge * 1000 <= now) return ASK_BETTER_AUTH;
  return snapshot;
}
