// Findings 4–6 at the library level: what a request may not choose (a sample's inclusion
// probability, a reviewer by name, an id PostgreSQL can't hold), the host and origin checks, and
// the upload limits. (e2e/security.spec.ts sends the same attacks to the running server.)
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createAuditSample, sampleInclusion } from "@/lib/db/queries/audit-samples";
import { reviewerForUser } from "@/lib/db/queries/accounts";
import { ensureReviewer } from "@/lib/db/queries/reviewers";
import { checkHost, checkStateChange } from "@/lib/http/guards";
import { dbId, idText } from "@/lib/ids";
import { checkDiskSpace, receiveUpload, takeUploadSlot, UploadError } from "@/lib/import/upload-receive";
import { decisionSchema } from "@/lib/review/schemas";
import { col, execute, queryOne, queryRows } from "@/lib/db/rows";
import { importInto, makeTempDir, testBackends, type TestDatabase } from "@/lib/testing/test-db";

const idRow = z.object({ id: col.int });

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

describe("ids", () => {
  it("accepts positive int4 ids only, in URLs and bodies", () => {
    for (const bad of ["abc", "0", "-1", "1e3", "0x10", "99999999999", "2147483648", "1.5", "", " ", "١٢"])
      expect(idText.safeParse(bad).success, bad).toBe(false);
    expect(idText.parse("2147483647")).toBe(2147483647);
    for (const bad of [0, -1, 1.5, 2 ** 31, Number.NaN, Infinity]) expect(dbId.safeParse(bad).success, String(bad)).toBe(false);
  });
});

describe("host and origin checks", () => {
  it("answers loopback names and the configured public host, refuses any other Host (DNS rebinding)", () => {
    process.env = { ...savedEnv, RIPE_PUBLIC_URL: "https://ripe.example.org", RIPE_ALLOWED_HOSTS: "10.0.0.5:3000" };
    for (const host of ["localhost:3000", "127.0.0.1:4000", "[::1]:3000", "ripe.example.org", "RIPE.example.org:443", "10.0.0.5:3000"])
      expect(checkHost(host), host).toBeNull();
    for (const host of ["evil.example", "evil.example:3000", "10.0.0.5:3001", "ripe.example.org.evil.example", ""])
      expect(checkHost(host)?.status, host).toBeGreaterThanOrEqual(400);
    expect(checkHost(null)?.status).toBe(400);
  });

  const post = (headers: Record<string, string>) =>
    new Request("http://127.0.0.1:3000/api/imports", { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } });

  it("refuses a foreign Origin and form-sendable content types on state-changing requests", () => {
    expect(
      checkStateChange(post({ origin: "http://evil.example", "content-type": "application/x-ndjson" }), { needsBody: true })?.status,
    ).toBe(403);
    expect(checkStateChange(post({ origin: "null", "content-type": "application/x-ndjson" }), { needsBody: true })?.status).toBe(403);
    expect(
      checkStateChange(post({ "sec-fetch-site": "cross-site", "content-type": "application/x-ndjson" }), { needsBody: true })?.status,
    ).toBe(403);
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(checkStateChange(post({ origin: "http://127.0.0.1:3000", "content-type": type }), { needsBody: true })?.status, type).toBe(
        415,
      );
    }
    expect(checkStateChange(post({ origin: "http://127.0.0.1:3000" }), { needsBody: true })?.status).toBe(415);
    expect(
      checkStateChange(post({ origin: "http://127.0.0.1:3000", "content-type": "application/x-ndjson" }), { needsBody: true }),
    ).toBeNull();
    // A script or pipeline without a browser sends no Origin: allowed (accounts and tokens come with the teams work).
    expect(checkStateChange(post({ "content-type": "application/octet-stream" }), { needsBody: true })).toBeNull();
    expect(
      checkStateChange(new Request("http://127.0.0.1:3000/api/images", { headers: { origin: "http://evil.example" } }), {
        needsBody: false,
      }),
    ).toBeNull();
  });
});

describe("upload limits", () => {
  it("refuses an upload over the size limit while it streams, and keeps nothing of it", async () => {
    const dataDir = makeTempDir("ripe-sec-upload-");
    process.env = { ...savedEnv, RIPE_DATA_DIR: dataDir, RIPE_MAX_UPLOAD_MB: "1", RIPE_MIN_FREE_DISK_MB: "1" };
    const line = Buffer.from(`${JSON.stringify({ output_image: "images/a.png", text: "x".repeat(1000) })}\n`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 1200; i++) controller.enqueue(line);
        controller.close();
      },
    });
    const database = await testBackends()[0].create();
    try {
      const error = await receiveUpload(database.handle, body, "big.jsonl").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UploadError);
      expect((error as UploadError).status).toBe(413);
      // Uploads are stored in the database (every instance reads them); a refused one leaves no chunk.
      const left = await queryOne(
        database.handle,
        z.object({ n: col.int }),
        "SELECT (SELECT count(*) FROM uploads)::int + (SELECT count(*) FROM upload_chunks)::int AS n",
      );
      expect(left.n).toBe(0);
    } finally {
      await database.dispose();
    }
  });

  it("refuses when the disk would drop below the reserve (507)", () => {
    process.env = { ...savedEnv, RIPE_DATA_DIR: makeTempDir("ripe-sec-disk-"), RIPE_MIN_FREE_DISK_MB: String(1024 * 1024 * 1024) };
    const error = (() => {
      try {
        checkDiskSpace("a.jsonl", 0);
      } catch (caught) {
        return caught as UploadError;
      }
    })();
    expect(error?.status).toBe(507);
  });

  it("limits concurrent uploads per user and in all", () => {
    process.env = { ...savedEnv, RIPE_MAX_UPLOADS_PER_USER: "1", RIPE_MAX_UPLOADS: "2" };
    const first = takeUploadSlot("ann");
    expect(() => takeUploadSlot("ann")).toThrow(/in progress/);
    const second = takeUploadSlot("ben");
    expect(() => takeUploadSlot("cy")).toThrow(/uploads already/);
    first();
    first(); // releasing twice frees one slot only
    const third = takeUploadSlot("cy");
    expect(() => takeUploadSlot("dee")).toThrow(UploadError);
    second();
    third();
  });
});

describe.each(testBackends())("what the client may not choose, on $name", (backend) => {
  let database: TestDatabase;
  let datasetId: number;
  beforeAll(async () => {
    database = await backend.create();
    await importInto(database.handle, "trust", [
      path.resolve("tests/fixtures/pico-banana-sample/sft.third-party-modified.xiongpeilin.jsonl"),
      path.resolve("tests/fixtures/judge-scores.sample.jsonl"),
    ]);
    ({ id: datasetId } = await queryOne(database.handle, idRow, "SELECT id FROM datasets WHERE name = 'trust'"));
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("an account's reviewer is its own row, linked by user id, never an external reviewer of the same name", async () => {
    await ensureReviewer(database.handle, "ana@example.org"); // an imported decision line's reviewer
    await execute(database.handle, "INSERT INTO auth_users (id, name, email) VALUES ('u-ana', 'Ana', 'ana@example.org')");
    const mine = await reviewerForUser(database.handle, { id: "u-ana", email: "ana@example.org", name: "Ana" });
    expect(mine).toMatchObject({ name: "ana@example.org #2", userId: "u-ana" });
    expect(await reviewerForUser(database.handle, { id: "u-ana", email: "ana@example.org", name: "Ana" })).toEqual(mine);
    const external = await queryRows(
      database.handle,
      z.object({ user_id: col.nullableText }),
      "SELECT user_id FROM reviewers WHERE name = 'ana@example.org'",
    );
    expect(external).toEqual([{ user_id: null }]);
  });

  it("a decision's inclusion probability comes from the stored sample; a forged one is dropped", async () => {
    const parsed = decisionSchema.parse({ datasetId, candidateId: 1, verdict: "accept", sampleId: 1, sampleProbability: 1e-6 });
    expect(parsed).not.toHaveProperty("sampleProbability");
    // The two judged candidates (judge-scores.sample.jsonl) are the population: draw one of them.
    const sample = await createAuditSample(database.handle, datasetId, { method: "uniform", size: 1, seed: 7 });
    expect(sample.items).toHaveLength(1);
    const member = sample.items[0];
    expect(await sampleInclusion(database.handle, datasetId, sample.id, member.candidateId)).toBe(member.probability);
    const [outsider] = await queryRows(
      database.handle,
      idRow,
      "SELECT id FROM candidates WHERE dataset_id = $1 AND NOT (id = ANY($2::bigint[])) LIMIT 1",
      [datasetId, sample.items.map((item) => item.candidateId)],
    );
    await expect(sampleInclusion(database.handle, datasetId, sample.id, Number(outsider.id))).rejects.toThrow(/not in audit sample/);
    await expect(sampleInclusion(database.handle, datasetId + 1000, sample.id, member.candidateId)).rejects.toThrow(/no audit sample/);
  });
});
