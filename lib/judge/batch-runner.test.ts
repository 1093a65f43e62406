// Batch-mode judge jobs end to end on a real database, with the real @google/genai client talking
// to the local fake's Batch and Files endpoints: splitting into bounded batches, results at the
// batch price, partial failures retried, and a runner stopped mid-batch that a new one resumes
// without submitting or charging anything twice. PGlite, and PostgreSQL when TEST_DATABASE_URL is set.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../db/client";
import { candidates, datasets, judgeBatches, judgeJobItems, judgements, requests } from "../db/schema";
import { startFakeGemini, type FakeGemini, type FakeReply } from "../testing/fake-gemini-server";
import { testBackends, type TestDatabase } from "../testing/test-db";
import { batchPriceFor, costUsd, priceFor } from "./pricing";
import { cancelJob, createJob, getJob, resumeJob, runJob, type RunOptions } from "./runner";

let dir: string;
let handle: DbHandle;
let database: TestDatabase | undefined;
let fake: FakeGemini;
let script: (text: string) => FakeReply | undefined = () => undefined;
const batchBehaviour: {
  runningPolls: number;
  outcome?: () => "failed" | "expired" | undefined;
  failCreate?: (n: number) => "before" | "after" | undefined;
} = { runningPolls: 1 };
let datasetCounter = 0;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ripe-batch-"));
  // The operator's allowlist: the datasets' base folder lies under an image root.
  process.env.RIPE_IMAGE_ROOTS = dir;
  await fs.mkdir(path.join(dir, "images"), { recursive: true });
  const photo = path.resolve("demo/sources/cat-chelsea.jpg"); // the project's own copy (demo/sources/ATTRIBUTION.md)
  await sharp(photo)
    .resize(96)
    .jpeg()
    .toFile(path.join(dir, "images", "source.jpg"));
  await sharp(photo)
    .resize(80, 64, { fit: "cover" })
    .modulate({ hue: 90 })
    .png()
    .toFile(path.join(dir, "images", "edit.png"));
  fake = await startFakeGemini({
    apiKey: "test-key",
    script: (_call, body) => script(JSON.stringify(body.contents)),
    batch: {
      get runningPolls() {
        return batchBehaviour.runningPolls;
      },
      outcome: () => batchBehaviour.outcome?.(),
      failCreate: (n) => batchBehaviour.failCreate?.(n),
    },
  });
});

afterAll(async () => {
  await fake?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  script = () => undefined;
  batchBehaviour.runningPolls = 1;
  batchBehaviour.outcome = undefined;
  batchBehaviour.failCreate = undefined;
});

const gemini = () => ({ apiKey: "test-key", baseUrl: fake.url, initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 2, timeoutMs: 5_000 });
const options = (batch: RunOptions["batch"] = {}, extra: RunOptions = {}): RunOptions => ({
  gemini: gemini(),
  batch: { pollMs: 5, maxItems: 2, ...batch },
  ...extra,
});

async function seed(count: number) {
  const [dataset] = await handle.db
    .insert(datasets)
    .values({ name: `batch-test-${process.pid}-${Date.now()}-${++datasetCounter}`, base: dir })
    .returning();
  const ids: number[] = [];
  for (let index = 0; index < count; index++) {
    const [request] = await handle.db
      .insert(requests)
      .values({
        datasetId: dataset.id,
        sourceImage: "images/source.jpg",
        text: `Give dog number ${index} a blue scarf.`,
        summarizedText: `scarf ${index}`,
        editType: "Add a new object to the scene",
      })
      .returning();
    const [candidate] = await handle.db
      .insert(candidates)
      .values({
        datasetId: dataset.id,
        requestId: request.id,
        imagePath: "images/edit.png",
        role: "sft",
        prior: "pass",
        editType: "Add a new object to the scene",
        groupName: "Object-Level Semantic",
        isKnownType: true,
        effectiveVerdict: "pass",
      })
      .returning();
    ids.push(candidate.id);
  }
  return { dataset, ids };
}

const judgementsOf = (jobId: number) =>
  handle.db.select().from(judgements).where(eq(judgements.jobId, jobId)).orderBy(judgements.candidateId);
const batchesOf = (jobId: number) => handle.db.select().from(judgeBatches).where(eq(judgeBatches.jobId, jobId)).orderBy(judgeBatches.id);
/** How often each dog was sent to Gemini, interactive calls and batch requests alike, since `from`. */
const sendsSince = (from: number) => {
  const counts = new Map<number, number>();
  for (const call of fake.calls.slice(from)) {
    const dog = Number(/dog number (\d+) /.exec(call.text)?.[1]);
    counts.set(dog, (counts.get(dog) ?? 0) + 1);
  }
  return counts;
};
const waitFor = async (check: () => boolean) => {
  for (let tries = 0; !check(); tries++) {
    if (tries > 2000) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe.each(testBackends().map((backend) => [backend.name, backend] as const))("batch judge runs on %s", (_name, backend) => {
  beforeAll(async () => {
    database = await backend.create();
    handle = database.handle;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("splits a run into bounded batches, collects every result and records it at the batch price", async () => {
    const { dataset, ids } = await seed(5);
    const created = await createJob(handle, { datasetId: dataset.id, provider: "gemini", batchAbove: 4 });
    expect(created.job).toMatchObject({ mode: "batch", total: 5, status: "queued" });
    const [batchesBefore, callsBefore] = [fake.batches.length, fake.calls.length];
    const progress: number[] = [];
    const job = await runJob(handle, created.job.id, options({}, { onProgress: (current) => progress.push(current.done) }));
    expect(job).toMatchObject({ status: "done", done: 5, failed: 0 });
    expect(progress.at(-1)).toBe(5);

    // 2 + 2 + 1 items, each sent once, all in batches (no interactive call).
    const sent = fake.batches.slice(batchesBefore);
    expect(sent.map((batch) => batch.requestCount)).toEqual([2, 2, 1]);
    expect(
      sent.every((batch) => batch.state === "BATCH_STATE_SUCCEEDED" && batch.displayName.startsWith(`ripe-job-${job.id}-batch-`)),
    ).toBe(true);
    expect(fake.calls.slice(callsBefore).every((call) => call.batch !== undefined && call.imageCount === 2)).toBe(true);
    expect([...sendsSince(callsBefore).values()]).toEqual([1, 1, 1, 1, 1]);
    // Uploaded requests and downloaded results are deleted once collected.
    expect(sent.every((batch) => fake.files.get(batch.inputFile)?.isDeleted && fake.files.get(batch.resultFile!)?.isDeleted)).toBe(true);
    const rows = await batchesOf(job.id);
    expect(rows.map((row) => [row.state, row.itemCount, row.remoteState])).toEqual([
      ["collected", 2, "JOB_STATE_SUCCEEDED"],
      ["collected", 2, "JOB_STATE_SUCCEEDED"],
      ["collected", 1, "JOB_STATE_SUCCEEDED"],
    ]);
    expect(job.batchStatus).toEqual({ phase: "done", batches: { collected: 3 }, itemsInBatches: 0 });

    // Each judgement costs the batch price of its tokens; the job's saving is half its list price.
    const stored = await judgementsOf(job.id);
    expect(stored.map((row) => row.candidateId)).toEqual(ids);
    for (const row of stored) {
      expect(row.error).toBeNull();
      const usage = { inputTokens: row.inputTokens!, outputTokens: row.outputTokens! };
      expect(row.costUsd).toBeCloseTo(costUsd("gemini-2.5-pro", usage, batchPriceFor("gemini-2.5-pro", usage)), 12);
    }
    const total = stored.reduce((sum, row) => sum + row.costUsd!, 0);
    expect(job.costUsd).toBeCloseTo(total, 12);
    expect(job.standardCostUsd).toBeCloseTo(
      costUsd("gemini-2.5-pro", { inputTokens: job.inputTokens, outputTokens: job.outputTokens }, priceFor("gemini-2.5-pro")),
      12,
    );
    expect(job.costUsd).toBeCloseTo(job.standardCostUsd / 2, 12);
    const [candidate] = await handle.db.select().from(candidates).where(eq(candidates.id, ids[0]));
    expect(candidate.judgeOverall).toBeGreaterThan(0);

    // Small runs stay interactive; a batch request is the interactive request, in a file.
    const small = await createJob(handle, { datasetId: (await seed(1)).dataset.id, provider: "gemini", batchAbove: 4 });
    expect(small.job.mode).toBe("interactive");
    const interactiveFrom = fake.calls.length;
    await runJob(handle, small.job.id, options());
    const interactiveCall = fake.calls[interactiveFrom];
    expect(interactiveCall.batch).toBeUndefined();
    const batchCall = fake.calls[callsBefore];
    expect(batchCall.body.generationConfig).toEqual(interactiveCall.body.generationConfig);
    expect(batchCall.body.systemInstruction).toEqual(interactiveCall.body.systemInstruction);
    expect(batchCall.body.contents?.[0].parts?.length).toBe(interactiveCall.body.contents?.[0].parts?.length);
  });

  it("caps a batch file's size: items past the cap go to the next batch, not counted as a retry", async () => {
    const { dataset } = await seed(3);
    const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini", mode: "batch" });
    const [batchesBefore, callsBefore] = [fake.batches.length, fake.calls.length];
    // One request line is a few KB (two small images): a 1-byte cap still takes one line per file.
    const job = await runJob(handle, created.id, options({ maxItems: 10, maxBytes: 1 }));
    expect(job).toMatchObject({ status: "done", done: 3 });
    expect(fake.batches.slice(batchesBefore).map((batch) => batch.requestCount)).toEqual([1, 1, 1]);
    expect([...sendsSince(callsBefore).values()]).toEqual([1, 1, 1]);
    const items = await handle.db.select().from(judgeJobItems).where(eq(judgeJobItems.jobId, created.id));
    expect(items.map((item) => item.attempts)).toEqual([1, 1, 1]);
  });

  it("retries partial failures: a few through the interactive API, many in a follow-up batch", async () => {
    const { dataset } = await seed(4);
    const failedOnce = new Set<string>();
    // Dog 1 hits a server error once, dog 2 gets a malformed answer (billed: never asked again).
    script = (text) => {
      if (text.includes("dog number 1 ") && !failedOnce.has("1")) return (failedOnce.add("1"), { kind: "server-error", status: 500 });
      if (text.includes("dog number 2 ")) return { kind: "invalid-json" };
      return undefined;
    };
    const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini", mode: "batch" });
    const [batchesBefore, callsBefore] = [fake.batches.length, fake.calls.length];
    const job = await runJob(handle, created.id, options({ maxItems: 10 }));
    expect(job).toMatchObject({ status: "done", done: 3, failed: 1 });
    expect(fake.batches.length - batchesBefore).toBe(1);
    const retried = fake.calls.slice(callsBefore).filter((call) => call.text.includes("dog number 1 "));
    expect(retried.map((call) => call.batch === undefined)).toEqual([false, true]); // batch, then interactive
    const rows = await judgementsOf(job.id);
    const malformed = rows.find((row) => row.error !== null)!;
    expect(malformed).toMatchObject({
      error: expect.stringMatching(/not valid JSON/),
      raw: expect.stringContaining('"instruction_compliance": 0.9,'),
    });
    expect(malformed.costUsd).toBeGreaterThan(0);
    const [batch] = await batchesOf(job.id);
    expect(batch.error).toMatch(/1 request failed .*INTERNAL \(500\).*1 item queued again/);

    // With a low follow-up threshold the failures of a whole failed batch go to a new batch.
    script = () => undefined;
    const second = await seed(3);
    const { job: next } = await createJob(handle, { datasetId: second.dataset.id, provider: "gemini", mode: "batch" });
    let outcomes = 0;
    batchBehaviour.outcome = () => (outcomes++ === 0 ? "failed" : undefined);
    const from = fake.batches.length;
    const nextCalls = fake.calls.length;
    const finished = await runJob(handle, next.id, options({ maxItems: 10, followUpMin: 1 }));
    expect(finished).toMatchObject({ status: "done", done: 3, failed: 0 });
    expect(fake.batches.slice(from).map((remote) => remote.state)).toEqual(["BATCH_STATE_FAILED", "BATCH_STATE_SUCCEEDED"]);
    expect(fake.calls.slice(nextCalls).every((call) => call.batch === fake.batches[from + 1].name)).toBe(true);
    expect((await batchesOf(next.id))[0].error).toMatch(/Gemini reports the batch failed.*3 items queued again/);

    // An expired batch delivers what it finished; the rest is judged again, once.
    const third = await seed(4);
    const { job: expiring } = await createJob(handle, { datasetId: third.dataset.id, provider: "gemini", mode: "batch" });
    batchBehaviour.outcome = () => "expired";
    const expiringCalls = fake.calls.length;
    expect(await runJob(handle, expiring.id, options({ maxItems: 10 }))).toMatchObject({ status: "done", done: 4 });
    expect([...sendsSince(expiringCalls).values()].sort()).toEqual([1, 1, 1, 1]);
  });

  it("resumes a batch run after a restart: polls the stored batch, submits nothing twice, charges once", async () => {
    const { dataset, ids } = await seed(3);
    const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini", mode: "batch" });
    batchBehaviour.runningPolls = 1_000_000;
    const [batchesBefore, callsBefore] = [fake.batches.length, fake.calls.length];
    const controller = new AbortController();
    const first = runJob(handle, created.id, options({ maxItems: 10 }, { signal: controller.signal }));
    await waitFor(() => fake.batches.length > batchesBefore && fake.batches[batchesBefore].gets > 0);
    controller.abort();
    await first;
    // The process "died" here: the job still says running, its items wait in the stored batch.
    await handle.query("UPDATE judge_jobs SET status = 'running' WHERE id = $1", [created.id]);
    const [stored] = await batchesOf(created.id);
    expect(stored).toMatchObject({ name: fake.batches[batchesBefore].name, state: "running", itemCount: 3 });
    const items = await handle.db.select().from(judgeJobItems).where(eq(judgeJobItems.jobId, created.id));
    expect(items.map((item) => [item.status, item.batchId])).toEqual(ids.map(() => ["batched", stored.id]));
    expect((await getJob(handle, created.id))?.batchStatus).toMatchObject({ phase: "running", itemsInBatches: 3 });

    // A new runner picks up polling; Gemini finishes the batch; its results are collected.
    batchBehaviour.runningPolls = 0;
    const job = await runJob(handle, created.id, options({ maxItems: 10 }));
    expect(job).toMatchObject({ status: "done", done: 3, failed: 0 });
    expect(fake.batches.length - batchesBefore).toBe(1);
    expect([...sendsSince(callsBefore).values()]).toEqual([1, 1, 1]);
    const rows = await judgementsOf(created.id);
    expect(rows).toHaveLength(3);
    expect(job.costUsd).toBeCloseTo(
      rows.reduce((sum, row) => sum + row.costUsd!, 0),
      12,
    );
  });

  it("finds a batch whose create answer was lost instead of submitting it again", async () => {
    const { dataset } = await seed(2);
    const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini", mode: "batch" });
    batchBehaviour.runningPolls = 1_000_000;
    const batchesBefore = fake.batches.length;
    const controller = new AbortController();
    const first = runJob(handle, created.id, options({ maxItems: 10 }, { signal: controller.signal }));
    await waitFor(() => fake.batches.length > batchesBefore);
    controller.abort();
    await first;
    // As if the process died after Gemini created the batch but before its name was stored.
    await handle.query("UPDATE judge_batches SET name = NULL, state = 'building', submitted_at = NULL WHERE job_id = $1", [created.id]);
    batchBehaviour.runningPolls = 0;
    const job = await resumeJob(handle, created.id, options({ maxItems: 10 }));
    expect(job).toMatchObject({ status: "done", done: 2 });
    expect(fake.batches.length - batchesBefore).toBe(1);
    expect((await batchesOf(created.id))[0].name).toBe(fake.batches[batchesBefore].name);
  });

  it("retries a failed create, and adopts a batch Gemini created although it answered with an error", async () => {
    const { dataset } = await seed(2);
    const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini", mode: "batch" });
    const batchesBefore = fake.batches.length;
    let failures = 0;
    batchBehaviour.failCreate = () => (failures < 2 ? (failures++ === 0 ? "before" : "after") : undefined);
    const job = await runJob(handle, created.id, options({ maxItems: 10 }));
    expect(job).toMatchObject({ status: "done", done: 2 });
    // The first try created nothing; the second created the batch and answered 503: it was found, not created again.
    expect(fake.batches.length - batchesBefore).toBe(1);
    expect((await batchesOf(created.id)).map((batch) => batch.name)).toEqual([fake.batches[batchesBefore].name]);
  });

  it("collects again after a crash half-way through a results file without counting anything twice", async () => {
    const { dataset } = await seed(4);
    const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini", mode: "batch" });
    const callsBefore = fake.calls.length;
    let reports = 0;
    const crashing = options(
      { maxItems: 10 },
      {
        onProgress: () => {
          if (++reports === 2) throw new Error("simulated crash while collecting");
        },
      },
    );
    await expect(runJob(handle, created.id, crashing)).rejects.toThrow(/simulated crash/);
    expect(await batchesOf(created.id)).toMatchObject([{ state: "collecting" }]);
    expect(await getJob(handle, created.id)).toMatchObject({ status: "failed", done: 2 });
    const job = await resumeJob(handle, created.id, options({ maxItems: 10 }));
    expect(job).toMatchObject({ status: "done", done: 4, failed: 0 });
    expect([...sendsSince(callsBefore).values()]).toEqual([1, 1, 1, 1]);
    const rows = await judgementsOf(created.id);
    expect(job.inputTokens).toBe(rows.reduce((sum, row) => sum + row.inputTokens!, 0));
    expect(job.costUsd).toBeCloseTo(
      rows.reduce((sum, row) => sum + row.costUsd!, 0),
      12,
    );
  });

  it("cancels the open batches at Gemini when the job is cancelled, and batches the items again on resume", async () => {
    const { dataset } = await seed(2);
    const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini", mode: "batch" });
    batchBehaviour.runningPolls = 1_000_000;
    const batchesBefore = fake.batches.length;
    const run = runJob(handle, created.id, options({ maxItems: 10 }));
    await waitFor(() => fake.batches.length > batchesBefore && fake.batches[batchesBefore].gets > 0);
    await cancelJob(handle, created.id);
    expect(await run).toMatchObject({ status: "cancelled", done: 0 });
    expect(fake.batches[batchesBefore].state).toBe("BATCH_STATE_CANCELLED");
    expect(await batchesOf(created.id)).toMatchObject([{ state: "cancelling" }]);
    batchBehaviour.runningPolls = 0;
    const job = await resumeJob(handle, created.id, options({ maxItems: 10 }));
    expect(job).toMatchObject({ status: "done", done: 2 });
    expect(fake.batches.slice(batchesBefore).map((batch) => batch.state)).toEqual(["BATCH_STATE_CANCELLED", "BATCH_STATE_SUCCEEDED"]);

    // A job no runner polls (the server restarted) is cancelled at Gemini by cancelJob itself.
    const other = await seed(2);
    const { job: idle } = await createJob(handle, { datasetId: other.dataset.id, provider: "gemini", mode: "batch" });
    batchBehaviour.runningPolls = 1_000_000;
    const controller = new AbortController();
    const stopped = runJob(handle, idle.id, options({ maxItems: 10 }, { signal: controller.signal }));
    await waitFor(() => fake.batches.length > batchesBefore + 2);
    controller.abort();
    await stopped;
    await handle.query("UPDATE judge_jobs SET status = 'running' WHERE id = $1", [idle.id]);
    expect(await cancelJob(handle, idle.id, { gemini: gemini() })).toMatchObject({
      status: "cancelled",
      batchStatus: { phase: "submitted", batches: { cancelling: 1 } },
    });
    expect(fake.batches.at(-1)!.state).toBe("BATCH_STATE_CANCELLED");
  });

  it("refuses batch mode for the metrics judge", async () => {
    const { dataset } = await seed(1);
    await expect(createJob(handle, { datasetId: dataset.id, provider: "metrics", mode: "batch" })).rejects.toThrow(
      /Batch runs are for the Gemini judge/,
    );
  });
});
