// Nobody can lock the team out of administration, on PGlite and PostgreSQL: an admin can't
// disable themself or lower their own role (through the server actions, the HTTP API or
// better-auth's own update-user endpoint), and the last active site admin, or a dataset's last
// active owner, can never be disabled or demoted — not even by another admin or the CLI, and not
// by two admins disabling each other at the same moment. Each refusal says what to do instead.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PUT as putMember } from "@/app/api/datasets/[datasetId]/members/route";
import { createAuth } from "@/lib/auth/auth";
import { createAccount } from "@/lib/auth/create-account";
import type { DatasetRole } from "@/lib/auth/roles";
import { createApiToken } from "@/lib/db/queries/api-tokens";
import { datasetRoleOf, findUserByEmail, LockOutError, setDatasetRole, setUserDisabled } from "@/lib/db/queries/accounts";
import { findDataset } from "@/lib/db/queries/datasets";
import { createAccountsFixture, signInRequest, TEST_ORIGIN, testEnvironment, type AccountsFixture } from "@/lib/testing/accounts-fixture";
import { testBackends, type TestDatabase } from "@/lib/testing/test-db";

const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ cookie: request.cookie, host: "127.0.0.1:3000" }) }));

const { setAccountDisabledAction } = await import("@/lib/actions/accounts/set-account-disabled");
const { setMemberRoleAction } = await import("@/lib/actions/accounts/set-member-role");

const environment = testEnvironment();
const globals = globalThis as unknown as { ripeDb?: Promise<unknown>; ripeAuth?: Promise<unknown> };

describe.each(testBackends())("admin lock-out on $name", (backend) => {
  let fixture: AccountsFixture;
  let database: TestDatabase;
  let auth: ReturnType<typeof createAuth>;
  let datasetId: number;
  const ids = new Map<string, string>();

  async function signIn(email: string) {
    const answer = await signInRequest(auth, { email, password: `${email}-password` }, "10.8.0.1");
    expect(answer.status).toBe(200);
    return (answer.headers.get("set-cookie") ?? "").split(";")[0];
  }

  async function putRole(asEmail: string, email: string, role: DatasetRole | null) {
    const { token } = await createApiToken(database.handle, ids.get(asEmail)!, { name: "script", isReadOnly: false });
    const answer = await putMember(
      new Request(`${TEST_ORIGIN}/api/datasets/${datasetId}/members`, {
        method: "PUT",
        headers: { host: "127.0.0.1:3000", authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ email, role }),
      }),
      { params: Promise.resolve({ datasetId: String(datasetId) }) },
    );
    return { status: answer.status, body: (await answer.json()) as { error?: string } };
  }

  const roleOf = (email: string) => datasetRoleOf(database.handle, ids.get(email)!, datasetId);
  const refusal = (run: Promise<unknown>) =>
    run.then(
      () => "done",
      (error: unknown) => (error instanceof LockOutError ? error.message : Promise.reject(error)),
    );

  beforeAll(async () => {
    fixture = await createAccountsFixture(backend, { prefix: "ripe-lockout-", datasets: ["alpha"] });
    database = fixture.database;
    datasetId = (await findDataset(database.handle, "alpha"))!.id;
    environment.use({ RIPE_DATA_DIR: fixture.dir, RIPE_SIGN_IN_ATTEMPTS: "50" });
    auth = createAuth(database.handle);
    globals.ripeDb = Promise.resolve(database.handle);
    globals.ripeAuth = Promise.resolve(auth);
    for (const [email, role] of [
      ["boss@lock.test", "owner"],
      ["dana@lock.test", "member"],
      ["eli@lock.test", "member"],
    ] as const) {
      ids.set(email, (await createAccount(auth, database.handle, { email, password: `${email}-password`, role })).id);
    }
  });
  afterAll(async () => {
    globals.ripeDb = undefined;
    globals.ripeAuth = undefined;
    environment.restore();
    await fixture?.dispose();
  });

  it("never disables the last active site admin, whoever asks", async () => {
    const boss = ids.get("boss@lock.test")!;
    expect(await refusal(setUserDisabled(database.handle, boss, true))).toMatch(
      /boss@lock\.test is the only active site admin: .*Enable or create another site admin first/,
    );
    expect((await findUserByEmail(database.handle, "boss@lock.test"))!.disabled).toBe(false);
    // A second admin: either may be disabled, but not both, even at the same moment.
    const second = (await createAccount(auth, database.handle, { email: "ada@lock.test", password: "ada-password-1", role: "admin" })).id;
    const both = await Promise.allSettled([setUserDisabled(database.handle, boss, true), setUserDisabled(database.handle, second, true)]);
    expect(both.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(both.filter((result) => result.status === "rejected" && result.reason instanceof LockOutError)).toHaveLength(1);
    const active = [
      (await findUserByEmail(database.handle, "boss@lock.test"))!,
      (await findUserByEmail(database.handle, "ada@lock.test"))!,
    ];
    expect(active.filter((user) => !user.disabled)).toHaveLength(1);
    await setUserDisabled(database.handle, boss, false);
    await setUserDisabled(database.handle, second, false);
  });

  it("refuses an admin disabling themself through the accounts page's action", async () => {
    request.cookie = await signIn("boss@lock.test");
    const answer = await setAccountDisabledAction({ email: "boss@lock.test", isDisabled: true });
    expect(answer).toEqual({ ok: false, error: "You can't disable your own account." });
    expect((await findUserByEmail(database.handle, "boss@lock.test"))!.disabled).toBe(false);
  });

  it("does not let an admin change their own site role through better-auth's update-user", async () => {
    const cookie = await signIn("boss@lock.test");
    const answer = await auth.handler(
      new Request(`${TEST_ORIGIN}/api/auth/update-user`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: TEST_ORIGIN, host: "127.0.0.1:3000", cookie },
        body: JSON.stringify({ role: "member", name: "Boss" }),
      }),
    );
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect((await findUserByEmail(database.handle, "boss@lock.test"))!.role).toBe("owner");
  });

  it("refuses a dataset owner lowering their own role, and demoting or removing the last active owner", async () => {
    await setDatasetRole(database.handle, datasetId, ids.get("dana@lock.test")!, "owner");
    await setDatasetRole(database.handle, datasetId, ids.get("eli@lock.test")!, "owner");
    // Over the HTTP API: her own role, even with another owner left.
    const own = await putRole("dana@lock.test", "dana@lock.test", "viewer");
    expect(own.status).toBe(409);
    expect(own.body.error).toBe("You can't lower your own role on this dataset: another owner of it, or a site admin, can.");
    expect(await roleOf("dana@lock.test")).toBe("owner");
    // Another owner may demote her while one owner stays…
    expect((await putRole("eli@lock.test", "dana@lock.test", "reviewer")).status).toBe(200);
    // …but nobody, not even the site owner or the CLI, demotes or removes the last one.
    for (const role of ["viewer", null] as const) {
      const last = await putRole("boss@lock.test", "eli@lock.test", role);
      expect(last.status).toBe(409);
      expect(last.body.error).toBe("eli@lock.test is the last active owner of this dataset: give another account the owner role first.");
    }
    expect(await refusal(setDatasetRole(database.handle, datasetId, ids.get("eli@lock.test")!, null))).toMatch(/last active owner/);
    expect(await roleOf("eli@lock.test")).toBe("owner");
    // A disabled owner does not count as one left.
    await setDatasetRole(database.handle, datasetId, ids.get("dana@lock.test")!, "owner");
    await setUserDisabled(database.handle, ids.get("dana@lock.test")!, true);
    expect((await putRole("boss@lock.test", "eli@lock.test", "viewer")).status).toBe(409);
    await setUserDisabled(database.handle, ids.get("dana@lock.test")!, false);
    // With another active owner, the site owner may demote one.
    expect((await putRole("boss@lock.test", "eli@lock.test", "viewer")).status).toBe(200);
  });

  it("refuses the same through the Members panel's action", async () => {
    request.cookie = await signIn("dana@lock.test");
    const answer = await setMemberRoleAction({ datasetId, email: "dana@lock.test", role: null });
    expect(answer).toEqual({
      ok: false,
      error: "You can't lower your own role on this dataset: another owner of it, or a site admin, can.",
    });
    expect(await roleOf("dana@lock.test")).toBe("owner");
  });
});
