// API tokens through the real route handlers and the real route wrapper, on PGlite and
// PostgreSQL: a token acts as its owner on the export, the audit JSON and an image; a revoked
// token, a token of a disabled account and a malformed one are anonymous (401); a read-only
// token is refused on a state-changing route (403) and writes nothing; only a hash is stored.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as exportFile } from "@/app/api/export/[datasetId]/[file]/route";
import { GET as auditJson } from "@/app/api/datasets/[datasetId]/audit/route";
import { PUT as putMember } from "@/app/api/datasets/[datasetId]/members/route";
import { GET as image } from "@/app/api/images/route";
import { createAuth } from "@/lib/auth/auth";
import { createAccount } from "@/lib/auth/create-account";
import { findUserByEmail, setUserDisabled } from "@/lib/db/queries/accounts";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/db/queries/api-tokens";
import { TOKEN_DAYS_MAX } from "@/lib/auth/token-expiry";
import { findDataset } from "@/lib/db/queries/datasets";
import { col, execute, queryRows } from "@/lib/db/rows";
import { createAccountsFixture, FIXTURE_IMAGE, type AccountsFixture } from "@/lib/testing/accounts-fixture";
import { testBackends, type TestDatabase } from "@/lib/testing/test-db";

const savedEnv = { ...process.env };
const ORIGIN = "http://127.0.0.1:3000";
const globals = globalThis as unknown as { ripeDb?: Promise<unknown>; ripeAuth?: Promise<unknown> };

type Handler = (request: Request, next: { params: Promise<Record<string, string>> }) => Promise<Response>;

function call(
  handler: Handler,
  url: string,
  params: Record<string, string>,
  init: { token?: string; method?: string; body?: unknown } = {},
) {
  const headers: Record<string, string> = { host: "127.0.0.1:3000" };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(ORIGIN + url, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return handler(request, { params: Promise.resolve(params) });
}

describe.each(testBackends())("API tokens on $name", (backend) => {
  let fixture: AccountsFixture;
  let database: TestDatabase;
  let dir: string;
  let datasetId: number;
  let ownerId: string;

  beforeAll(async () => {
    fixture = await createAccountsFixture(backend, { prefix: "ripe-tokens-", datasets: ["alpha"], hasImages: true });
    ({ database, dir } = fixture);
    datasetId = (await findDataset(database.handle, "alpha"))!.id;
    process.env = { ...savedEnv, RIPE_DATA_DIR: dir, RIPE_IMAGE_ROOTS: dir };
    const auth = createAuth(database.handle);
    globals.ripeDb = Promise.resolve(database.handle);
    globals.ripeAuth = Promise.resolve(auth);
    ownerId = (await createAccount(auth, database.handle, { email: "owner@tokens.test", password: "owner-password-1", role: "owner" })).id;
  });
  afterEach(() => {
    process.env = { ...savedEnv, RIPE_DATA_DIR: dir, RIPE_IMAGE_ROOTS: dir };
  });
  afterAll(async () => {
    globals.ripeDb = undefined;
    globals.ripeAuth = undefined;
    process.env = { ...savedEnv };
    await fixture?.dispose();
  });

  it("acts as its owner on the export, the audit JSON and an image; without one the routes answer 401", async () => {
    const { token } = await createApiToken(database.handle, ownerId, { name: "pipeline", isReadOnly: false });
    const params = { datasetId: String(datasetId) };
    const exported = await call(exportFile as Handler, `/api/export/${datasetId}/sft.jsonl`, { ...params, file: "sft.jsonl" }, { token });
    expect(exported.status).toBe(200);
    expect((await exported.text()).trim().split("\n")).toHaveLength(1);
    const audit = await call(auditJson as Handler, `/api/datasets/${datasetId}/audit`, params, { token });
    expect(audit.status).toBe(200);
    expect(await audit.json()).toHaveProperty("dataset");
    const picture = await call(image as Handler, `/api/images?d=${datasetId}&p=${FIXTURE_IMAGE}`, {}, { token });
    expect(picture.status).toBe(200);
    expect(picture.headers.get("content-type")).toBe("image/png");
    expect((await call(auditJson as Handler, `/api/datasets/${datasetId}/audit`, params)).status).toBe(401);
    const [listed] = await listApiTokens(database.handle, ownerId);
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it("stores only a hash: the secret is nowhere in the table", async () => {
    const { token } = await createApiToken(database.handle, ownerId, { name: "dump check", isReadOnly: false });
    const rows = await queryRows(database.handle, z.object({ row: col.text }), "SELECT api_tokens::text AS row FROM api_tokens");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.row.includes(token.slice(5, 20)))).toBe(false);
  });

  it("refuses a revoked token and a malformed one with 401", async () => {
    const { id, token } = await createApiToken(database.handle, ownerId, { name: "short-lived", isReadOnly: false });
    const url = `/api/datasets/${datasetId}/audit`;
    expect((await call(auditJson as Handler, url, { datasetId: String(datasetId) }, { token })).status).toBe(200);
    expect(await revokeApiToken(database.handle, ownerId, id)).toEqual({ name: "short-lived" });
    expect((await call(auditJson as Handler, url, { datasetId: String(datasetId) }, { token })).status).toBe(401);
    expect((await call(auditJson as Handler, url, { datasetId: String(datasetId) }, { token: "ripe_not-a-token" })).status).toBe(401);
  });

  it("refuses a read-only token on a state-changing route with 403 and writes nothing", async () => {
    const { token } = await createApiToken(database.handle, ownerId, { name: "reader", isReadOnly: true });
    const params = { datasetId: String(datasetId) };
    expect((await call(auditJson as Handler, `/api/datasets/${datasetId}/audit`, params, { token })).status).toBe(200);
    const answer = await call(putMember as Handler, `/api/datasets/${datasetId}/members`, params, {
      token,
      method: "PUT",
      body: { email: "owner@tokens.test", role: "viewer" },
    });
    expect(answer.status).toBe(403);
    expect((await answer.json()).error).toMatch(/read-only/);
    const members = await queryRows(database.handle, z.object({ n: col.int }), "SELECT count(*)::int AS n FROM dataset_members");
    expect(members[0].n).toBe(0);
  });

  it("refuses the token of a disabled account with 401", async () => {
    const auth = createAuth(database.handle);
    await createAccount(auth, database.handle, { email: "gone@tokens.test", password: "gone-password-1", role: "owner" });
    const user = (await findUserByEmail(database.handle, "gone@tokens.test"))!;
    const { token } = await createApiToken(database.handle, user.id, { name: "left behind", isReadOnly: false });
    const url = `/api/datasets/${datasetId}/audit`;
    expect((await call(auditJson as Handler, url, { datasetId: String(datasetId) }, { token })).status).toBe(200);
    await setUserDisabled(database.handle, user.id, true);
    expect((await call(auditJson as Handler, url, { datasetId: String(datasetId) }, { token })).status).toBe(401);
  });
  it("expires: 90 days unless chosen, a year at most, and an expired token gets 401", async () => {
    const days = (expiresAt: Date) => Math.round((expiresAt.getTime() - Date.now()) / 86_400_000);
    expect(days((await createApiToken(database.handle, ownerId, { name: "default", isReadOnly: false })).expiresAt)).toBe(90);
    expect(days((await createApiToken(database.handle, ownerId, { name: "year", isReadOnly: false, days: 365 })).expiresAt)).toBe(365);
    await expect(
      createApiToken(database.handle, ownerId, { name: "forever", isReadOnly: false, days: TOKEN_DAYS_MAX + 1 }),
    ).rejects.toThrow(/at most 365 days/);
    const { id, token } = await createApiToken(database.handle, ownerId, { name: "a day", isReadOnly: false, days: 1 });
    const url = `/api/datasets/${datasetId}/audit`;
    const params = { datasetId: String(datasetId) };
    expect((await call(auditJson as Handler, url, params, { token })).status).toBe(200);
    // A day later (the clock moved back on the row: the check is the database's now()).
    await execute(database.handle, "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    const expired = await call(auditJson as Handler, url, params, { token });
    expect(expired.status).toBe(401);
    const listed = (await listApiTokens(database.handle, ownerId)).find((row) => row.id === id)!;
    expect(listed.isExpired).toBe(true);
    expect((await listApiTokens(database.handle, ownerId)).filter((row) => row.id !== id).every((row) => !row.isExpired)).toBe(true);
  });
});
