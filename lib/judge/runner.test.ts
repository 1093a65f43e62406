// Judge jobs end to end on a real PGlite database, with the real @google/genai client talking to
// the local fake: storing, failures as rows, never charging twice, cancel, kill and resume.
// Runs on PGlite, and on a PostgreSQL server too when TEST_DATABASE_URL is set.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../db/client";
import { candidates, datasets, judgeJobItems, judgements, requests } from "../db/schema";
import { testBackends, type TestDatabase } from "../testing/test-db";
import { startFakeGemini, type FakeGemini, type FakeReply } from "../testing/fake-gemini-server";
import { weightedOverall } from "../verdict";
import { createGeminiJudge } from "./gemini";
import { cancelJob, createJob, getJob, resumeJob, runJob, type RunOptions } from "./runner";

let dir: string;
let handle: DbHandle;
let database: TestDatabase | undefined;
let fake: FakeGemini;
let script: (call: number, text: string) => FakeReply | undefined = () => undefined;
let datasetCounter = 0;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ripe-judge-"));
  // The operator's allowlist: the datasets' base folder lies under an image root.
  process.env.RIPE_IMAGE_ROOTS = dir;
  const images = path.join(dir, "images");
  await fs.mkdir(images, { recursive: true });
  const photo = path.resolve("demo/sources/cat-chelsea.jpg"); // the project's own copy (demo/sources/ATTRIBUTION.md)
  await sharp(photo).resize(160).jpeg().toFile(path.join(images, "source.jpg"));
  await sharp(photo).resize(144, 112, { fit: "cover" }).modulate({ hue: 90 }).png().toFile(path.join(images, "edit.png"));
  fake = await startFakeGemini({ apiKey: "test-key", script: (call, body) => script(call, JSON.stringify(body.contents)) });
});

afterAll(async () => {
  await fake?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  script = () => undefined;
});

const gemini = () => ({ apiKey: "test-key", baseUrl: fake.url, initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 3, timeoutMs: 2_000 });
const callsSoFar = () => fake.calls.length;

/** A dataset whose base is the temp folder, with `count` requests of one candidate each. */
async function seed(count: number, options: { missingEditAt?: number } = {}) {
  const [dataset] = await handle.db
    .insert(datasets)
    .values({ name: `judge-test-${process.pid}-${Date.now()}-${++datasetCounter}`, base: dir })
    .returning();
  const ids: number[] = [];
  for (let index = 0; index < count; index++) {
    const text = `Make the cat number ${index} wear a tiny red hat.`;
    const [request] = await handle.db
      .insert(requests)
      .values({
        datasetId: dataset.id,
        sourceImage: "images/source.jpg",
        text,
        summarizedText: `hat on cat ${index}`,
        editType: "Add a new object to the scene",
      })
      .returning();
    const [candidate] = await handle.db
      .insert(candidates)
      .values({
        datasetId: dataset.id,
        requestId: request.id,
        imagePath: index === options.missingEditAt ? "images/missing.png" : "images/edit.png",
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

describe.each(testBackends().map((backend) => [backend.name, backend] as const))("judge runner on %s", (_name, backend) => {
  beforeAll(async () => {
    database = await backend.create();
    handle = database.handle;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  describe("gemini through the fake API", () => {
    it("judges every candidate, stores scores and usage, and refreshes the candidates' verdicts", async () => {
      const { dataset, ids } = await seed(4);
      const created = await createJob(handle, { datasetId: dataset.id, provider: "gemini" });
      expect(created).toMatchObject({ matched: 4, skippedJudged: 0, skippedQueued: 0 });
      expect(created.job).toMatchObject({
        status: "queued",
        total: 4,
        judgeId: "gemini/gemini-2.5-pro/rubric-v1",
        model: "gemini-2.5-pro",
      });
      const before = callsSoFar();
      const progress: number[] = [];
      const job = await runJob(handle, created.job.id, { gemini: gemini(), onProgress: (current) => progress.push(current.done) });
      expect(job).toMatchObject({ status: "done", done: 4, failed: 0 });
      expect(job.inputTokens).toBeGreaterThan(4 * 516);
      expect(job.costUsd).toBeGreaterThan(0);
      expect(progress).toHaveLength(4); // one report per item; with a PostgreSQL pool two may read the same count
      expect(Math.max(...progress)).toBe(4);
      expect(callsSoFar() - before).toBe(4);

      const rows = await judgementsOf(job.id);
      expect(rows.map((row) => row.candidateId)).toEqual(ids);
      for (const row of rows) {
        expect(row.error).toBeNull();
        expect(row.instructionCompliance).toBeGreaterThanOrEqual(0.35);
        expect(row.rationale).toMatch(/Fake judge/);
        expect(row.inputTokens).toBeGreaterThan(0);
      }
      const [candidate] = await handle.db.select().from(candidates).where(eq(candidates.id, ids[0]));
      const expected = weightedOverall(
        {
          instruction_compliance: rows[0].instructionCompliance,
          seamlessness: rows[0].seamlessness,
          preservation_balance: rows[0].preservationBalance,
          technical_quality: rows[0].technicalQuality,
        },
        { instruction_compliance: 0.4, seamlessness: 0.25, preservation_balance: 0.2, technical_quality: 0.15 },
      )!;
      expect(candidate.judgeOverall).toBeCloseTo(expected, 10);
      expect(candidate.judgeVerdict).toBe(expected >= 0.7 ? "pass" : "fail");

      // Never charged twice: the same judge id skips what it already judged.
      const again = await createJob(handle, { datasetId: dataset.id, provider: "gemini" });
      expect(again).toMatchObject({ matched: 4, skippedJudged: 4 });
      expect(again.job).toMatchObject({ total: 0, status: "done" });
      expect(await runJob(handle, again.job.id, { gemini: gemini() })).toMatchObject({ status: "done", done: 0 });
      expect(callsSoFar() - before).toBe(4);
    });

    it("records failures as judgement rows without stopping the run, and retries them on request", async () => {
      const { dataset, ids } = await seed(5, { missingEditAt: 4 });
      script = (_call, text) => {
        if (text.includes("number 1 ")) return { kind: "invalid-json" };
        if (text.includes("number 2 ")) return { kind: "server-error", status: 500 };
        if (text.includes("number 3 ")) return { kind: "refusal" };
        return undefined;
      };
      const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini" });
      const before = callsSoFar();
      const job = await runJob(handle, created.id, { gemini: gemini(), concurrency: 2 });
      expect(job).toMatchObject({ status: "done", done: 1, failed: 4 });
      // 1 ok + 1 invalid + 3 attempts at the 500 + 1 refusal; the missing image costs no call.
      expect(callsSoFar() - before).toBe(6);
      const rows = await judgementsOf(job.id);
      const byCandidate = new Map(rows.map((row) => [row.candidateId, row]));
      expect(byCandidate.get(ids[0])?.error).toBeNull();
      expect(byCandidate.get(ids[1])).toMatchObject({
        error: expect.stringMatching(/not valid JSON/),
        raw: expect.stringContaining('"instruction_compliance": 0.9,'),
      });
      expect(byCandidate.get(ids[1])?.inputTokens).toBeGreaterThan(0);
      expect(byCandidate.get(ids[2])).toMatchObject({
        error: expect.stringMatching(/server error \(500\).*gave up after 3 attempts/),
        instructionCompliance: null,
      });
      expect(byCandidate.get(ids[3])?.error).toMatch(/refused/);
      expect(byCandidate.get(ids[4])?.error).toMatch(/Edited image not found: images\/missing.png/);
      const [unjudged] = await handle.db.select().from(candidates).where(eq(candidates.id, ids[2]));
      expect(unjudged).toMatchObject({ judgeOverall: -1, judgeVerdict: "none" });

      // The errors can be retried: now the API behaves, except for the image that is still missing.
      script = () => undefined;
      const retried = await resumeJob(handle, job.id, { gemini: gemini(), retryErrors: true });
      expect(retried).toMatchObject({ status: "done", done: 4, failed: 1 });
      expect(callsSoFar() - before).toBe(9);
      expect(await judgementsOf(job.id)).toHaveLength(5);
    });

    it("stops when cancelled and resumes later without re-judging what was done", async () => {
      const { dataset } = await seed(6);
      const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini" });
      const before = callsSoFar();
      const controller = new AbortController();
      const options: RunOptions = {
        gemini: gemini(),
        concurrency: 1,
        signal: controller.signal,
        onProgress: (job) => job.done === 2 && controller.abort(),
      };
      const stopped = await runJob(handle, created.id, options);
      expect(stopped).toMatchObject({ status: "cancelled", done: 2 });
      expect(callsSoFar() - before).toBe(2);
      const pending = await handle.db.select().from(judgeJobItems).where(eq(judgeJobItems.jobId, created.id));
      expect(pending.filter((item) => item.status === "pending")).toHaveLength(4);

      // runJob leaves a cancelled job alone; resumeJob picks it up.
      expect(await runJob(handle, created.id, { gemini: gemini() })).toMatchObject({ status: "cancelled" });
      const finished = await resumeJob(handle, created.id, { gemini: gemini() });
      expect(finished).toMatchObject({ status: "done", done: 6, failed: 0 });
      expect(callsSoFar() - before).toBe(6);
      expect(await judgementsOf(created.id)).toHaveLength(6);
    });

    it("aborts an in-flight call on cancel and leaves that item to do", async () => {
      const { dataset } = await seed(3);
      const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini" });
      script = (_call, text) => (text.includes("number 1 ") ? { kind: "hang" } : undefined);
      const before = callsSoFar();
      const run = runJob(handle, created.id, { gemini: { ...gemini(), timeoutMs: 30_000 }, concurrency: 1 });
      while (callsSoFar() - before < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      await cancelJob(handle, created.id);
      expect(await run).toMatchObject({ status: "cancelled", done: 1, failed: 0 });
      script = () => undefined;
      expect(await resumeJob(handle, created.id, { gemini: gemini() })).toMatchObject({ status: "done", done: 3 });
      // The hung call was sent (and may be billed) but it produced nothing, so it was asked again.
      expect(callsSoFar() - before).toBe(4);
    });

    it("recovers a job left running by a killed process", async () => {
      const { dataset, ids } = await seed(4);
      const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "gemini" });
      const controller = new AbortController();
      await runJob(handle, created.id, {
        gemini: gemini(),
        concurrency: 1,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      });
      // Simulate the kill: the process died while judging the second item.
      await handle.query("UPDATE judge_jobs SET status = 'running', finished_at = NULL WHERE id = $1", [created.id]);
      await handle.query("UPDATE judge_job_items SET status = 'running' WHERE job_id = $1 AND candidate_id = $2", [created.id, ids[1]]);
      await handle.query("UPDATE candidates SET judge_overall = -1, judge_verdict = 'none' WHERE id = $1", [ids[0]]);
      const before = callsSoFar();
      const job = await runJob(handle, created.id, { gemini: gemini() });
      expect(job).toMatchObject({ status: "done", done: 4, failed: 0 });
      expect(callsSoFar() - before).toBe(3);
      const [first] = await handle.db.select().from(candidates).where(eq(candidates.id, ids[0]));
      expect(first.judgeOverall).toBeGreaterThan(0); // the lost refresh was redone
    });

    it("selects by edit type, only-unjudged and limit, and skips what another job has queued", async () => {
      const { dataset, ids } = await seed(5);
      await handle.query("UPDATE candidates SET edit_type = 'Change the color of an object' WHERE id = ANY($1::bigint[])", [
        ids.slice(0, 2),
      ]);
      const byType = await createJob(handle, {
        datasetId: dataset.id,
        provider: "gemini",
        filter: { editTypes: ["Change the color of an object"] },
      });
      expect(byType.job.total).toBe(2);
      const overlapping = await createJob(handle, { datasetId: dataset.id, provider: "gemini", limit: 2 });
      expect(overlapping).toMatchObject({ matched: 5, skippedQueued: 2 });
      expect(overlapping.job.total).toBe(2);
      const explicit = await createJob(handle, {
        datasetId: dataset.id,
        provider: "gemini",
        model: "gemini-2.5-flash",
        candidateIds: [ids[4], 999_999],
      });
      expect(explicit).toMatchObject({ matched: 1 });
      expect(explicit.job).toMatchObject({ total: 1, judgeId: "gemini/gemini-2.5-flash/rubric-v1" });
      await runJob(handle, byType.job.id, { gemini: gemini() });
      const unjudged = await createJob(handle, { datasetId: dataset.id, provider: "metrics", filter: { onlyUnjudged: true } });
      expect(unjudged.job.total).toBe(3);
      expect(await getJob(handle, 123_456)).toBeNull();
    });

    it("refuses to run a job with a judge of another id", async () => {
      const { dataset } = await seed(1);
      const { job } = await createJob(handle, { datasetId: dataset.id, provider: "gemini" });
      const flash = createGeminiJudge({ ...gemini(), model: "gemini-2.5-flash" });
      await expect(runJob(handle, job.id, { judge: flash })).rejects.toThrow(/created for gemini\/gemini-2.5-pro/);
    });
  });

  describe("offline metrics judge", () => {
    it("scores preservation and technical quality only, at no cost", async () => {
      const { dataset, ids } = await seed(2);
      const { job: created } = await createJob(handle, { datasetId: dataset.id, provider: "metrics" });
      expect(created).toMatchObject({ judgeId: "metrics/pixel-v1", model: null });
      const before = callsSoFar();
      const job = await runJob(handle, created.id);
      expect(job).toMatchObject({ status: "done", done: 2, failed: 0, costUsd: 0, inputTokens: 0 });
      expect(callsSoFar()).toBe(before);
      const [row] = await judgementsOf(job.id);
      expect(row).toMatchObject({ instructionCompliance: null, seamlessness: null, error: null });
      expect(row.preservationBalance).toBeGreaterThanOrEqual(0);
      expect(row.technicalQuality).toBeGreaterThanOrEqual(0);
      const [candidate] = await handle.db.select().from(candidates).where(eq(candidates.id, ids[0]));
      expect(candidate.judgeOverall).toBeGreaterThanOrEqual(0);
    });
  });
});
