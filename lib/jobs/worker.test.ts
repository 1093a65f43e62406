// The lease protocol and the worker loop on a real database: PGlite (one process, the same SQL)
// and PostgreSQL when TEST_DATABASE_URL is set. An upload stored in the database is imported by
// the worker; a rubric change runs as a job; a lost lease fences the old holder off; SKIP LOCKED
// hands two claimers different jobs; a shutdown releases the lease for the next claimer.
import { z } from "zod";
import { col, queryOne } from "../db/rows";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  claimBackgroundJob,
  enqueueBackgroundJob,
  getBackgroundJob,
  releaseLease,
  renewLease,
  reportProgress,
  requestCancel,
} from "../db/queries/background-jobs";
import { ensureDataset, getDataset } from "../db/queries/datasets";
import { enqueueImport, getJobStatus, receiveUpload } from "../import/upload-jobs";
import { testBackends, waitFor, type TestDatabase } from "../testing/test-db";
import { applyRubricAsJob } from "./rubric-job";
import { JOB_HANDLERS } from "./instance";
import { createWorker, type JobHandler, type Worker } from "./worker";

const quiet = () => undefined;
const SFT = path.resolve("tests/fixtures/pico-banana-sample/sft.verbatim.jsonl");

function bodyOf(bytes: Buffer): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let start = 0; start < bytes.length; start += 4096) controller.enqueue(bytes.subarray(start, start + 4096));
      controller.close();
    },
  });
}

describe.each(testBackends().map((backend) => [backend.name, backend] as const))("leased jobs on %s", (_name, backend) => {
  let database: TestDatabase;
  const workers: Worker[] = [];
  beforeAll(async () => {
    database = await backend.create();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const start = (handlers = JOB_HANDLERS, settings = {}) => {
    const worker = createWorker({
      db: async () => database.handle,
      handlers,
      settings: { leaseMs: 2_000, heartbeatMs: 200, pollMs: 50, ...settings },
      log: quiet,
    });
    worker.start();
    workers.push(worker);
    return worker;
  };

  it("imports an upload stored in the database, then deletes the stored file", async () => {
    const db = database.handle;
    const dataset = await ensureDataset(db, "uploaded");
    const upload = await receiveUpload(db, bodyOf(fs.readFileSync(SFT)), "sft.jsonl");
    const queued = await enqueueImport(db, {
      upload,
      datasetId: dataset.id,
      datasetName: dataset.name,
      file: "sft.jsonl",
      isStrict: false,
    });
    expect(queued).toMatchObject({ phase: "queued", totalBytes: fs.statSync(SFT).size });
    start();
    // ~3 s alone. On failure, say where the job stood (an intermittent stall seen under parallel load).
    await waitFor(async () => (await getJobStatus(db, queued.id))?.phase === "done", { what: "the import job", timeoutMs: 60_000 }).catch(
      async (error) => {
        const job = await getBackgroundJob(db, Number(queued.id.slice(4)));
        throw new Error(`${error.message}: ${JSON.stringify(job)} ${JSON.stringify(await db.query("SELECT * FROM import_runs"))}`);
      },
    );
    const status = (await getJobStatus(db, queued.id))!;
    const lines = fs.readFileSync(SFT, "utf8").split("\n").filter(Boolean).length;
    expect(status).toMatchObject({ phase: "done", linesRead: lines, imported: lines, bad: 0 });
    expect(status.runId).toBeGreaterThan(0);
    const left = await queryOne(db, z.object({ n: col.int }), "SELECT count(*)::int AS n FROM uploads");
    expect(left.n).toBe(0);
  }, 120_000);

  it("applies a rubric change as a job and reports the values it replaced", async () => {
    const db = database.handle;
    const dataset = (await getDataset(db, (await ensureDataset(db, "uploaded")).id))!;
    start();
    const weights = { instruction_compliance: 0.25, seamlessness: 0.25, preservation_balance: 0.25, technical_quality: 0.25 };
    const applied = await applyRubricAsJob(db, dataset.id, { threshold: 0.6, weights }, { pollMs: 20 });
    expect(applied.applied).toEqual({ threshold: 0.6, weights });
    expect(applied.previous.threshold).toBe(dataset.threshold);
    expect((await getDataset(db, dataset.id))!.threshold).toBe(0.6);
  });

  it("fences off a holder whose lease expired: renewals, progress and the finish of the old token change nothing", async () => {
    const db = database.handle;
    const job = await enqueueBackgroundJob(db, { kind: "rubric", datasetId: null, payload: {} });
    const first = await claimBackgroundJob(db, { owner: "a", token: "token-a", leaseMs: 1, kinds: ["rubric"] });
    expect(first?.id).toBe(job.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await claimBackgroundJob(db, { owner: "b", token: "token-b", leaseMs: 60_000, kinds: ["rubric"] });
    expect(second).toMatchObject({ id: job.id, attempts: 2, leaseOwner: "b" });
    expect(await renewLease(db, job.id, "token-a", 60_000)).toEqual({ isHeld: false, isCancelRequested: false });
    expect(await reportProgress(db, job.id, "token-a", { stale: true })).toBe(false);
    expect(await renewLease(db, job.id, "token-b", 60_000)).toEqual({ isHeld: true, isCancelRequested: false });
    // A live lease is not taken over.
    expect(await claimBackgroundJob(db, { owner: "c", token: "token-c", leaseMs: 60_000, kinds: ["rubric"] })).toBeNull();
    expect(await releaseLease(db, job.id, "token-b")).toBe(true);
    expect(await getBackgroundJob(db, job.id)).toMatchObject({ status: "queued", leaseToken: null });
    await requestCancel(db, job.id);
    expect(await getBackgroundJob(db, job.id)).toMatchObject({ status: "cancelled" });
  });

  it.runIf(backend.name === "postgres")("SKIP LOCKED: two instances claiming at once get different jobs", async () => {
    const db = database.handle;
    const jobs = await Promise.all([0, 1].map(() => enqueueBackgroundJob(db, { kind: "judge", datasetId: null, payload: {} })));
    const claims = await Promise.all(
      ["x", "y"].map((owner) => claimBackgroundJob(db, { owner, token: `token-${owner}`, leaseMs: 60_000, kinds: ["judge"] })),
    );
    expect(claims.map((claim) => claim?.id).sort()).toEqual(jobs.map((job) => job.id).sort());
    for (const claim of claims) await releaseLease(db, claim!.id, claim!.leaseToken!);
    for (const job of jobs) await requestCancel(db, job.id);
  });

  it("a shutdown stops the handler through its drain signal and releases the lease for the next worker", async () => {
    const db = database.handle;
    let runs = 0;
    const waitForDrain: JobHandler = async ({ drainSignal }) => {
      runs++;
      await new Promise((resolve) => drainSignal.addEventListener("abort", resolve, { once: true }));
      return { status: "done" };
    };
    const job = await enqueueBackgroundJob(db, { kind: "import", datasetId: null, payload: {} });
    const first = start({ import: waitForDrain });
    await waitFor(async () => (await getBackgroundJob(db, job.id))?.status === "running", { what: "the claim" });
    await first.stop();
    expect(await getBackgroundJob(db, job.id)).toMatchObject({ status: "queued", leaseToken: null, attempts: 1 });
    start({ import: async () => ({ status: "done", result: { ok: true } }) });
    await waitFor(async () => (await getBackgroundJob(db, job.id))?.status === "done", { what: "the second worker" });
    expect(await getBackgroundJob(db, job.id)).toMatchObject({ attempts: 2, result: { ok: true } });
    expect(runs).toBe(1);
  });
});
