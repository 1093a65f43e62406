// Invites and the admin log on PGlite and PostgreSQL: an invite link resolves while live, can be
// taken once (two takers at once: one wins), expires after its 7 days and is stored hashed; the
// account routes write who changed what to the admin log, read back newest first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { POST as postAccount } from "@/app/api/accounts/route";
import { PUT as putMember } from "@/app/api/datasets/[datasetId]/members/route";
import { createAuth } from "@/lib/auth/auth";
import { createAccount } from "@/lib/auth/create-account";
import { createApiToken } from "@/lib/db/queries/api-tokens";
import { listAdminLog } from "@/lib/db/queries/admin-log";
import { findDataset } from "@/lib/db/queries/datasets";
import { createInvite, findLiveInvite, releaseInvite, takeInvite } from "@/lib/db/queries/invites";
import { col, execute, queryRows } from "@/lib/db/rows";
import { createAccountsFixture, testEnvironment, type AccountsFixture } from "@/lib/testing/accounts-fixture";
import { testBackends, type TestDatabase } from "@/lib/testing/test-db";

const environment = testEnvironment();
const globals = globalThis as unknown as { ripeDb?: Promise<unknown>; ripeAuth?: Promise<unknown> };

describe.each(testBackends())("invites and the admin log on $name", (backend) => {
  let fixture: AccountsFixture;
  let database: TestDatabase;
  let datasetId: number;
  let ownerId: string;

  beforeAll(async () => {
    fixture = await createAccountsFixture(backend, { prefix: "ripe-admin-log-", datasets: ["alpha"] });
    database = fixture.database;
    datasetId = (await findDataset(database.handle, "alpha"))!.id;
    environment.use({ RIPE_DATA_DIR: fixture.dir });
    const auth = createAuth(database.handle);
    globals.ripeDb = Promise.resolve(database.handle);
    globals.ripeAuth = Promise.resolve(auth);
    ownerId = (await createAccount(auth, database.handle, { email: "owner@log.test", password: "owner-password-1", role: "owner" })).id;
  });
  afterAll(async () => {
    globals.ripeDb = undefined;
    globals.ripeAuth = undefined;
    environment.restore();
    await fixture?.dispose();
  });

  it("resolves a live invite, lets one taker have it, and keeps only its hash", async () => {
    const { token, expiresAt } = await createInvite(database.handle, {
      email: "New@Log.test",
      datasetId,
      role: "reviewer",
      createdBy: ownerId,
    });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    const invite = (await findLiveInvite(database.handle, token))!;
    expect(invite).toMatchObject({ email: "new@log.test", role: "reviewer", datasetName: "alpha" });
    const stored = await queryRows(database.handle, z.object({ row: col.text }), "SELECT invites::text AS row FROM invites");
    expect(stored.some((row) => row.row.includes(token.slice(5)))).toBe(false);
    const takers = await Promise.all([takeInvite(database.handle, invite.id), takeInvite(database.handle, invite.id)]);
    expect(takers.filter(Boolean)).toHaveLength(1);
    expect(await findLiveInvite(database.handle, token)).toBeNull();
    // Given back (the account could not be made): the link works again.
    await releaseInvite(database.handle, invite.id);
    expect(await findLiveInvite(database.handle, token)).not.toBeNull();
  });

  it("refuses an expired invite", async () => {
    const { token } = await createInvite(database.handle, { email: "late@log.test", datasetId, role: "viewer", createdBy: ownerId });
    const invite = (await findLiveInvite(database.handle, token))!;
    await execute(database.handle, "UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1", [invite.id]);
    expect(await findLiveInvite(database.handle, token)).toBeNull();
    expect(await takeInvite(database.handle, invite.id)).toBeNull();
  });

  it("logs account creation and role changes made through the routes, newest first", async () => {
    const { token } = await createApiToken(database.handle, ownerId, { name: "admin script", isReadOnly: false });
    const headers = { host: "127.0.0.1:3000", authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = await postAccount(
      new Request("http://127.0.0.1:3000/api/accounts", {
        method: "POST",
        headers,
        body: JSON.stringify({ email: "rev@log.test", password: "rev-password-1" }),
      }),
    );
    expect(created.status).toBe(201);
    const changed = await putMember(
      new Request(`http://127.0.0.1:3000/api/datasets/${datasetId}/members`, {
        method: "PUT",
        headers,
        body: JSON.stringify({ email: "rev@log.test", role: "reviewer" }),
      }),
      { params: Promise.resolve({ datasetId: String(datasetId) }) },
    );
    expect(changed.status).toBe(200);
    const log = await listAdminLog(database.handle);
    expect(log.slice(0, 2).map(({ actor, action, target, details }) => ({ actor, action, target, details }))).toEqual([
      { actor: "owner@log.test", action: "member.role", target: "rev@log.test", details: { dataset: "alpha", role: "reviewer" } },
      { actor: "owner@log.test", action: "account.create", target: "rev@log.test", details: { role: "member" } },
    ]);
  });
});
