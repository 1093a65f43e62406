// Accounts and permissions on the real auth library and a real database, PGlite and PostgreSQL:
// sign-in through better-auth's HTTP handler (one message for a wrong password and an unknown
// account, cookies httpOnly + SameSite=Lax, Secure behind https, rate limits per address and per
// account, a disabled account gets no session) and the permission matrix of authorize().
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AccessError, authorize, type Account } from "@/lib/auth/access";
import { createAuth } from "@/lib/auth/auth";
import { createAccount, createFirstOwner } from "@/lib/auth/create-account";
import { PERMISSIONS, type Permission } from "@/lib/auth/roles";
import { findUserByEmail, setDatasetRole, setUserDisabled } from "@/lib/db/queries/accounts";
import { findDataset } from "@/lib/db/queries/datasets";
import { col, queryRows } from "@/lib/db/rows";
import { cookieHeaders, createAccountsFixture, signInRequest, testEnvironment, type AccountsFixture } from "@/lib/testing/accounts-fixture";
import { testBackends, type TestDatabase } from "@/lib/testing/test-db";

const environment = testEnvironment();
afterEach(() => environment.restore());

function signIn(auth: ReturnType<typeof createAuth>, email: string, password: string, address = "10.0.0.1") {
  return signInRequest(auth, { email, password }, address);
}

async function outcome(permission: Permission, account: Account, datasetId: number | null, database: TestDatabase) {
  try {
    await authorize(database.handle, account, permission, datasetId);
    return "ok";
  } catch (error) {
    if (error instanceof AccessError) return error.status;
    throw error;
  }
}

describe.each(testBackends())("accounts on $name", (backend) => {
  let fixture: AccountsFixture;
  let database: TestDatabase;

  beforeAll(async () => {
    fixture = await createAccountsFixture(backend, { prefix: "ripe-accounts-", datasets: ["alpha", "beta"] });
    database = fixture.database;
  });
  afterAll(async () => {
    await fixture?.dispose();
  });

  const useEnv = (extra: Record<string, string>) => environment.use({ RIPE_DATA_DIR: fixture.dir, ...extra });

  it("signs in with the right password only, with one message for a wrong password and an unknown account", async () => {
    useEnv({ RIPE_SIGN_IN_ATTEMPTS: "50" });
    const auth = createAuth(database.handle);
    await createAccount(auth, database.handle, { email: "ana@example.org", password: "ana-password-1", role: "member" });
    const wrong = await signIn(auth, "ana@example.org", "not-her-password");
    const unknown = await signIn(auth, "nobody@example.org", "not-her-password");
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((await wrong.json()).message).toBe((await unknown.json()).message);
    const right = await signIn(auth, "ANA@example.org", "ana-password-1");
    expect(right.status).toBe(200);
    const cookie = right.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^ripe\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    // The session names the account; its password was hashed by the library, not stored as sent.
    const session = await auth.api.getSession({ headers: cookieHeaders(cookie.split(";")[0]) });
    expect(session?.user.email).toBe("ana@example.org");
    const stored = await queryRows(database.handle, z.object({ password: col.text }), "SELECT password FROM auth_accounts");
    expect(stored.every((row) => !row.password.includes("ana-password-1"))).toBe(true);
  });

  it("sets Secure cookies when the public address is https", async () => {
    useEnv({ RIPE_PUBLIC_URL: "https://ripe.example.org", RIPE_SIGN_IN_ATTEMPTS: "50" });
    const auth = createAuth(database.handle);
    const answer = await auth.handler(
      new Request("https://ripe.example.org/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://ripe.example.org", "x-forwarded-for": "10.0.0.9" },
        body: JSON.stringify({ email: "ana@example.org", password: "ana-password-1" }),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get("set-cookie")).toMatch(/^__Secure-ripe\.session_token=.*Secure/i);
  });

  // better-auth keeps its address counts per process: each backend signs in from its own addresses.
  it("limits sign-in attempts per address and per account", async () => {
    useEnv({ RIPE_SIGN_IN_ATTEMPTS: "3", RIPE_SIGN_IN_WINDOW_S: "60" });
    const auth = createAuth(database.handle);
    const fromOne = [];
    for (let attempt = 0; attempt < 4; attempt++)
      fromOne.push((await signIn(auth, `guess${attempt}@example.org`, "x-password", `10.1.${backend.name.length}.1`)).status);
    expect(fromOne).toEqual([401, 401, 401, 429]);
    // One account from many addresses: the per-account limit.
    const fromMany = [];
    for (let attempt = 0; attempt < 4; attempt++)
      fromMany.push((await signIn(auth, "ana@example.org", "wrong-password", `10.2.${backend.name.length}.${attempt}`)).status);
    expect(fromMany).toEqual([401, 401, 401, 429]);
  });

  it("gives a disabled account no session, and ends the ones it had", async () => {
    useEnv({ RIPE_SIGN_IN_ATTEMPTS: "50" });
    const auth = createAuth(database.handle);
    await createAccount(auth, database.handle, { email: "cy@example.org", password: "cy-password-1", role: "member" });
    const before = await signIn(auth, "cy@example.org", "cy-password-1", "10.0.3.1");
    const cookie = (before.headers.get("set-cookie") ?? "").split(";")[0];
    const user = (await findUserByEmail(database.handle, "cy@example.org"))!;
    await setUserDisabled(database.handle, user.id, true);
    expect(await auth.api.getSession({ headers: cookieHeaders(cookie) })).toBeNull();
    expect((await signIn(auth, "cy@example.org", "cy-password-1", "10.0.3.2")).status).toBe(403);
  });

  it("creates the first owner once, even when two ask at the same time", async () => {
    useEnv({});
    const fresh = await backend.create();
    try {
      const auth = createAuth(fresh.handle);
      const results = await Promise.allSettled([
        createFirstOwner(auth, fresh.handle, { email: "one@example.org", password: "owner-password-1" }),
        createFirstOwner(auth, fresh.handle, { email: "two@example.org", password: "owner-password-2" }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
      const owners = await queryRows(fresh.handle, z.object({ email: col.text, role: col.text }), "SELECT email, role FROM auth_users");
      expect(owners).toEqual([{ email: "one@example.org", role: "owner" }]);
    } finally {
      await fresh.dispose();
    }
  });

  it("authorizes by site role and dataset role: the permission matrix", async () => {
    const alpha = (await findDataset(database.handle, "alpha"))!.id;
    const beta = (await findDataset(database.handle, "beta"))!.id;
    const accounts: Record<string, Account> = {};
    for (const [name, role] of [
      ["owner", "owner"],
      ["admin", "admin"],
      ["own", "member"],
      ["rev", "member"],
      ["view", "member"],
      ["none", "member"],
    ] as const) {
      const user = await queryRows(
        database.handle,
        z.object({ id: col.text }),
        "INSERT INTO auth_users (id, name, email, role) VALUES ($1, $1, $2, $3) RETURNING id",
        [`m-${name}`, `${name}@matrix.test`, role],
      );
      accounts[name] = { id: user[0].id, email: `${name}@matrix.test`, name, role };
    }
    await setDatasetRole(database.handle, alpha, accounts.own.id, "owner");
    await setDatasetRole(database.handle, alpha, accounts.rev.id, "reviewer");
    await setDatasetRole(database.handle, alpha, accounts.view.id, "viewer");
    const matrix: Record<string, Record<string, unknown>> = {};
    for (const [name, account] of Object.entries(accounts)) {
      matrix[name] = Object.fromEntries(PERMISSIONS.map((permission) => [permission, null]));
      for (const permission of PERMISSIONS) matrix[name][permission] = await outcome(permission, account, alpha, database);
      matrix[name]["read beta"] = await outcome("read", account, beta, database);
      matrix[name]["new dataset"] = await outcome("admin", account, null, database);
    }
    const all = { read: "ok", review: "ok", admin: "ok", "site-admin": "ok", "read beta": "ok", "new dataset": "ok" };
    const refused = { "site-admin": 403, "read beta": 403, "new dataset": 403 };
    expect(matrix).toEqual({
      owner: all,
      admin: all,
      own: { read: "ok", review: "ok", admin: "ok", ...refused },
      rev: { read: "ok", review: "ok", admin: 403, ...refused },
      view: { read: "ok", review: 403, admin: 403, ...refused },
      none: { read: 403, review: 403, admin: 403, ...refused },
    });
    expect(await outcome("read", null as unknown as Account, alpha, database)).toBe(401);
  });
});
