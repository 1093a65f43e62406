// Single sign-on end to end against a real OpenID Connect provider (oidc-provider, in-process on
// 127.0.0.1) and Ripe's real auth (better-auth's genericOAuth plugin) on a real database: the
// sign-in request, the provider's authorize endpoint and login step, the code exchange, ID-token
// and userinfo checks, and the callback, all over HTTP with cookies carried by hand. No mocks.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "@/lib/auth/auth";
import { createAccount } from "@/lib/auth/create-account";
import { findUserByEmail, memberDatasetIds, setUserDisabled } from "@/lib/db/queries/accounts";
import { listAdminLog } from "@/lib/db/queries/admin-log";
import { makeTempDir, testBackends, type TestDatabase } from "@/lib/testing/test-db";
import { startOidcProvider, type TestOidcProvider } from "@/lib/testing/oidc-provider";

const ORIGIN = "http://127.0.0.1:3000";
type Auth = ReturnType<typeof createAuth>;

/** Name → value, from every Set-Cookie of the responses seen so far. */
class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Runs the whole flow for `email` and returns where Ripe's callback sends the browser, with Ripe's cookies. */
async function signInBySso(auth: Auth, email: string) {
  const ripe = new CookieJar();
  const start = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, host: "127.0.0.1:3000" },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/", errorCallbackURL: "/sign-in" }),
    }),
  );
  expect(start.status).toBe(200);
  ripe.take(start);
  const { url } = (await start.json()) as { url: string };

  // At the provider: authorize → login form → post the email → resume → back to Ripe's callback.
  const provider = new CookieJar();
  let next = url;
  for (let hop = 0; hop < 10 && !next.startsWith(ORIGIN); hop++) {
    const isLogin = /\/interaction\/[^/]+$/.test(new URL(next).pathname);
    let response = await fetch(next, { redirect: "manual", headers: { cookie: provider.header() } });
    provider.take(response);
    if (isLogin && response.status === 200) {
      response = await fetch(`${next}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: provider.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email }).toString(),
      });
      provider.take(response);
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`the provider answered ${response.status} at ${next}: ${await response.text()}`);
    next = new URL(location, next).href;
  }
  expect(next.startsWith(`${ORIGIN}/api/auth/callback/oidc?`)).toBe(true);

  const callback = await auth.handler(new Request(next, { headers: { cookie: ripe.header(), host: "127.0.0.1:3000" } }));
  expect(callback.status).toBe(302);
  ripe.take(callback);
  const landing = new URL(callback.headers.get("location") ?? "", ORIGIN);
  const session = await auth.api.getSession({ headers: new Headers({ cookie: ripe.header(), host: "127.0.0.1:3000" }) });
  return { landing, session };
}

describe.each(testBackends())("single sign-on on $name", (backend) => {
  let database: TestDatabase;
  let oidc: TestOidcProvider;
  const dir = makeTempDir("ripe-sso-");
  const savedEnv = { ...process.env };

  const authWith = (newAccounts: "off" | "member") => {
    process.env = {
      ...savedEnv,
      RIPE_DATA_DIR: dir,
      RIPE_SIGN_IN_ATTEMPTS: "50",
      RIPE_OIDC_ISSUER: oidc.issuer,
      RIPE_OIDC_CLIENT_ID: oidc.clientId,
      RIPE_OIDC_CLIENT_SECRET: oidc.clientSecret,
      RIPE_OIDC_NEW_ACCOUNTS: newAccounts,
    };
    return createAuth(database.handle);
  };

  beforeAll(async () => {
    database = await backend.create();
    oidc = await startOidcProvider({
      redirectUri: `${ORIGIN}/api/auth/callback/oidc`,
      accounts: [
        { email: "ana@example.org", name: "Ana at the provider" },
        { email: "dora@example.org", name: "Dora" },
        { email: "newton@example.org", name: "Newton" },
        { email: "uma@example.org", name: "Uma", emailVerified: false },
      ],
    });
    const auth = authWith("off");
    for (const email of ["ana@example.org", "dora@example.org", "uma@example.org"]) {
      await createAccount(auth, database.handle, { email, password: "a-local-password", role: "member" });
    }
    const dora = await findUserByEmail(database.handle, "dora@example.org");
    await setUserDisabled(database.handle, dora!.id, true);
  });
  afterAll(async () => {
    process.env = savedEnv;
    await oidc?.close();
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("signs an existing account in through the provider and links it by the verified email", async () => {
    const auth = authWith("off");
    const { landing, session } = await signInBySso(auth, "ana@example.org");
    expect(landing.pathname).toBe("/");
    expect(landing.searchParams.get("error")).toBeNull();
    const ana = await findUserByEmail(database.handle, "ana@example.org");
    expect(session?.user.id).toBe(ana!.id);
    const accounts = await (await auth.$context).internalAdapter.findAccounts(ana!.id);
    expect(accounts.map((account) => account.providerId).sort()).toEqual(["credential", "oidc"]);
    // A second sign-in goes through the linked account, not a new user.
    const again = await signInBySso(auth, "ana@example.org");
    expect(again.session?.user.id).toBe(ana!.id);
  });

  it("refuses an email with no account while new accounts are off, and creates nothing", async () => {
    const { landing, session } = await signInBySso(authWith("off"), "newton@example.org");
    expect(landing.pathname).toBe("/sign-in");
    expect(landing.searchParams.get("error")).toBe("signup_disabled");
    expect(session).toBeNull();
    expect(await findUserByEmail(database.handle, "newton@example.org")).toBeUndefined();
  });

  it("refuses a disabled account", async () => {
    const { landing, session } = await signInBySso(authWith("off"), "dora@example.org");
    expect(landing.pathname).toBe("/sign-in");
    expect(landing.searchParams.get("error")).toBe("account_disabled");
    expect(session).toBeNull();
  });

  it("does not link an account when the provider doesn't vouch for the email", async () => {
    const { landing, session } = await signInBySso(authWith("off"), "uma@example.org");
    expect(landing.searchParams.get("error")).toBe("account_not_linked");
    expect(session).toBeNull();
  });

  it("creates a member account with no dataset role on first sign-in when new accounts are on", async () => {
    const { landing, session } = await signInBySso(authWith("member"), "newton@example.org");
    expect(landing.pathname).toBe("/");
    const newton = await findUserByEmail(database.handle, "newton@example.org");
    expect(newton).toMatchObject({ email: "newton@example.org", name: "Newton", role: "member", disabled: false });
    expect(session?.user.id).toBe(newton!.id);
    expect((await memberDatasetIds(database.handle, newton!.id)).size).toBe(0);
    // Written to the admin log like every other new account, once; signing in again adds nothing.
    const created = async () => (await listAdminLog(database.handle)).filter((entry) => entry.target === "newton@example.org");
    expect((await created()).map(({ actor, action, details }) => ({ actor, action, details }))).toEqual([
      { actor: "newton@example.org", action: "account.create", details: { role: "member", via: "sso", provider: expect.any(String) } },
    ]);
    await signInBySso(authWith("member"), "newton@example.org");
    expect(await created()).toHaveLength(1);
  });
});
