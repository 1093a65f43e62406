import "server-only";
// The one better-auth instance, on the project's database through the drizzle adapter. Created
// lazily on first use (not at import) so `next build` neither needs the secret nor opens the
// database. Email and password; single sign-on when RIPE_OIDC_* name a provider (lib/auth/sso.ts).
// Sign-up over HTTP is off: accounts come from the first-start screen, the CLI, an admin, or (only
// with RIPE_OIDC_NEW_ACCOUNTS=member) a first SSO sign-in.
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import type { DbHandle } from "../db/client";
import { logAdmin } from "../db/queries/admin-log";
import { authAccounts, authSessions, authUsers, authVerifications } from "../db/schema";
import { getDb } from "../db/server";
import { env } from "../env";
import { allowedHosts } from "../http/guards";
import { attemptLimiter } from "./attempts";
import { SESSION_COOKIE_PREFIX } from "./cookie";
import { authSecret } from "./secret";
import { ssoSettings } from "./sso";

export const AUTH_BASE_PATH = "/api/auth";
/** One message for an unknown account and a wrong password, so sign-in can't tell which. */
export const WRONG_CREDENTIALS = "Wrong email or password.";

export function createAuth(handle: DbHandle) {
  const settings = env();
  const windowSeconds = settings.RIPE_SIGN_IN_WINDOW_S;
  const perAccount = attemptLimiter(settings.RIPE_SIGN_IN_ATTEMPTS, windowSeconds * 1000);
  const sso = ssoSettings(settings);
  const hosts = [...allowedHosts()].flatMap((host) => [host, `${host}:*`]);
  return betterAuth({
    appName: "Ripe",
    secret: authSecret(),
    basePath: AUTH_BASE_PATH,
    baseURL: settings.RIPE_PUBLIC_URL ? settings.RIPE_PUBLIC_URL.origin : { allowedHosts: hosts, protocol: "http" },
    database: drizzleAdapter(handle.db, {
      provider: "pg",
      schema: { user: authUsers, session: authSessions, account: authAccounts, verification: authVerifications },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    account: {
      // SSO finds an existing account by email only when the provider says the email is verified
      // (email_verified); local accounts are made by an admin (no self sign-up), so their own
      // unverified flag doesn't block the link. No provider is trusted without email_verified.
      accountLinking: { enabled: true, requireLocalEmailVerified: false, trustedProviders: [] },
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "member", input: false },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    session: { expiresIn: settings.RIPE_SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    rateLimit: {
      enabled: true,
      window: 60,
      max: 300,
      customRules: {
        "/sign-in/email": { window: windowSeconds, max: settings.RIPE_SIGN_IN_ATTEMPTS },
        "/sign-in/social": { window: windowSeconds, max: settings.RIPE_SIGN_IN_ATTEMPTS },
      },
    },
    advanced: {
      useSecureCookies: settings.RIPE_PUBLIC_URL?.protocol === "https:",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      cookiePrefix: SESSION_COOKIE_PREFIX,
    },
    hooks: {
      before: createAuthMiddleware(async (context) => {
        if (context.path !== "/sign-in/email") return;
        const email = typeof context.body?.email === "string" ? context.body.email.trim().toLowerCase() : "";
        if (email && !perAccount.isAllowed(email)) {
          throw new APIError("TOO_MANY_REQUESTS", { message: "Too many sign-in attempts for this account; wait a minute and try again." });
        }
      }),
    },
    databaseHooks: {
      user: {
        create: {
          // Every new account is in the admin log. The first-start screen, the CLI, an admin and
          // an invite create theirs outside better-auth's endpoints (context null) and log it
          // themselves; the only endpoint that creates one is the SSO callback (sign-up is off),
          // where nobody else would: the account made itself on its first sign-in.
          after: async (user, context) => {
            if (!context) return;
            await logAdmin(handle, {
              actor: user.email,
              action: "account.create",
              target: user.email,
              details: { role: typeof user.role === "string" ? user.role : "member", via: "sso", provider: sso?.name ?? null },
            });
          },
        },
      },
      session: {
        create: {
          // A disabled account keeps its password but gets no session.
          before: async (session) => {
            const user = await handle.db.query.authUsers.findFirst({ where: (users, { eq }) => eq(users.id, session.userId) });
            if (!user || user.disabled) {
              // The code reaches the SSO callback's redirect (?error=account_disabled) for the sign-in page.
              throw new APIError("FORBIDDEN", { code: "account_disabled", message: "This account is disabled; ask a site admin." });
            }
          },
        },
      },
    },
    plugins: sso ? [genericOAuth({ config: [sso.config] }), nextCookies()] : [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { ripeAuth?: Promise<Auth> };

export function getAuth(): Promise<Auth> {
  globalForAuth.ripeAuth ??= getDb()
    .then(createAuth)
    .catch((error) => {
      globalForAuth.ripeAuth = undefined;
      throw error;
    });
  return globalForAuth.ripeAuth;
}
