// The request path's one-statement session lookup (lib/auth/quick-session) against better-auth's
// own getSession, on PGlite and PostgreSQL: the same account for a good cookie, nothing for a
// forged or unknown one, and better-auth asked whenever it would act (an expired session, one due
// for its sliding refresh, a "don't remember me" session); sign-out and disabling take effect at once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "@/lib/auth/auth";
import { ASK_BETTER_AUTH, quickSession } from "@/lib/auth/quick-session";
import { createAccount } from "@/lib/auth/create-account";
import { findUserByEmail, reviewerForUser, setDatasetRole, setUserDisabled } from "@/lib/db/queries/accounts";
import { findDataset } from "@/lib/db/queries/datasets";
import { cookieHeaders, createAccountsFixture, signInRequest, testEnvironment, type AccountsFixture } from "@/lib/testing/accounts-fixture";
import { testBackends, type TestDatabase } from "@/lib/testing/test-db";

const environment = testEnvironment();
afterEach(() => environment.restore());

async function signIn(auth: ReturnType<typeof createAuth>, email: string, password: string, rememberMe = true) {
  const response = await signInRequest(auth, { email, password, rememberMe }, "10.9.0.1");
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((entry) => entry.split(";")[0])
    .join("; ");
}

describe.each(testBackends())("quick session lookup on $name", (backend) => {
  let fixture: AccountsFixture;
  let database: TestDatabase;

  beforeAll(async () => {
    fixture = await createAccountsFixture(backend, { prefix: "ripe-quick-session-", datasets: ["alpha"] });
    database = fixture.database;
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  const setup = async (email: string) => {
    environment.use({ RIPE_DATA_DIR: fixture.dir, RIPE_SIGN_IN_ATTEMPTS: "50" });
    const auth = createAuth(database.handle);
    await createAccount(auth, database.handle, { email, password: "a-password-1", role: "member" });
    const user = (await findUserByEmail(database.handle, email))!;
    return { auth, user, cookie: await signIn(auth, email, "a-password-1") };
  };

  it("reads the same account as better-auth, with its reviewer row and dataset roles", async () => {
    const { auth, user, cookie } = await setup("quick@example.org");
    const alpha = (await findDataset(database.handle, "alpha"))!;
    await setDatasetRole(database.handle, alpha.id, user.id, "reviewer");
    const before = await quickSession(auth, database.handle, cookieHeaders(cookie));
    expect(before).not.toBe(ASK_BETTER_AUTH);
    expect(before && before !== ASK_BETTER_AUTH ? before.reviewer : "missing").toBeNull(); // made on first need
    const reviewer = await reviewerForUser(database.handle, user);
    const snapshot = await quickSession(auth, database.handle, cookieHeaders(cookie));
    const library = await auth.api.getSession({ headers: cookieHeaders(cookie) });
    if (!snapshot || snapshot === ASK_BETTER_AUTH) throw new Error("expected a session snapshot");
    expect(snapshot.user).toEqual({
      id: library!.user.id,
      email: "quick@example.org",
      name: library!.user.name,
      role: "member",
      disabled: false,
    });
    expect(snapshot.expiresAt.getTime()).toBe(library!.session.expiresAt.getTime());
    expect(snapshot.reviewer).toEqual(reviewer);
    expect([...snapshot.roles]).toEqual([[alpha.id, "reviewer"]]);
  });

  it("answers null for no cookie, a forged signature or an unknown token, as better-auth does", async () => {
    const { auth, cookie } = await setup("forged@example.org");
    const [name, value] = cookie.split("; ")[0].split("=");
    const token = decodeURIComponent(value).split(".")[0];
    const forged = `${name}=${encodeURIComponent(`${token}.${"A".repeat(43)}=`)}`;
    for (const headers of [cookieHeaders(""), cookieHeaders(forged), cookieHeaders(`${name}=${token}`)]) {
      expect(await quickSession(auth, database.handle, headers)).toBeNull();
      expect(await auth.api.getSession({ headers })).toBeNull();
    }
  });

  it("leaves expired sessions, sliding refreshes and don't-remember-me sessions to better-auth", async () => {
    const { auth, user, cookie } = await setup("edge@example.org");
    const { sessionConfig } = await auth.$context;
    const setExpiry = (at: Date) => database.handle.query("UPDATE auth_sessions SET expires_at = $1 WHERE user_id = $2", [at, user.id]);
    await setExpiry(new Date(Date.now() - 1000));
    expect(await quickSession(auth, database.handle, cookieHeaders(cookie))).toBe(ASK_BETTER_AUTH);
    expect(await auth.api.getSession({ headers: cookieHeaders(cookie) })).toBeNull();
    const fresh = await signIn(auth, "edge@example.org", "a-password-1");
    // Older than updateAge: better-auth extends it.
    await setExpiry(new Date(Date.now() + (sessionConfig.expiresIn - sessionConfig.updateAge - 60) * 1000));
    expect(await quickSession(auth, database.handle, cookieHeaders(fresh))).toBe(ASK_BETTER_AUTH);
    const once = await signIn(auth, "edge@example.org", "a-password-1", false);
    expect(once).toMatch(/dont_remember/);
    expect(await quickSession(auth, database.handle, cookieHeaders(once))).toBe(ASK_BETTER_AUTH);
  });

  it("sees a disabled account's sessions end on the next request", async () => {
    const { auth, user, cookie } = await setup("gone@example.org");
    expect(await quickSession(auth, database.handle, cookieHeaders(cookie))).toMatchObject({ user: { id: user.id } });
    await setUserDisabled(database.handle, user.id, true);
    const after = await quickSession(auth, database.handle, cookieHeaders(cookie));
    // The sessions are gone: better-auth is asked, and it finds none.
    expect(after).toBe(ASK_BETTER_AUTH);
    expect(await auth.api.getSession({ headers: cookieHeaders(cookie) })).toBeNull();
  });
});
