// Many instances on one PostgreSQL: a judge run is a leased background job (lib/jobs). Two
// instances (the real worker entry point, `npm run worker`, in two child processes: the same loop
// every app instance runs) share one database and the local fake Gemini server (through the real
// @google/genai client). Killing the lease holder with SIGKILL: the other takes the job over once
// the lease expires and finishes it; every candidate is judged, stored and charged exactly once.
// SIGTERM: the holder finishes its calls in flight, releases the lease, and the other instance
// resumes at once instead of waiting for expiry. Decisions saved meanwhile through two other
// connection pools (as two instances' request handlers would) are all there.
// PostgreSQL only (PGlite is one process by design); skipped without TEST_DATABASE_URL.
import { z } from "zod";
import { col, queryOne } from "@/lib/db/rows";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { getBackgroundJob } from "@/lib/db/queries/background-jobs";
import { ensureReviewer } from "@/lib/db/queries/reviewers";
import { addReview } from "@/lib/db/queries/reviews";
import { candidates, datasets, requests } from "@/lib/db/schema";
import { enqueueJudgeRun } from "@/lib/jobs/judge-job";
import { createJob, getJob } from "@/lib/judge/runner";
import { startFakeGemini, type FakeGemini } from "@/lib/testing/fake-gemini-server";
import { collect, createPostgresDatabase, spawnCli, waitFor, type CliResult, type TestDatabase } from "@/lib/testing/test-db";

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl)
  console.warn("leased-jobs.test.ts: TEST_DATABASE_URL is unset, so the two-instance tests are skipped (they need PostgreSQL).");

const ITEMS = 24;
const CONCURRENCY = 2;

type Instance = { child: ChildProcess; pid: number; output: Promise<CliResult>; log: () => string };

describe.skipIf(!serverUrl)("leased judge jobs across two instances on PostgreSQL", () => {
  let dir: string;
  let fake: FakeGemini;
  let database: TestDatabase;
  let handle: DbHandle;
  const instances: Instance[] = [];
  // Decision loops still running when a test fails stop before the database goes.
  const decisionLoops: { stop(): void; done: Promise<void> }[] = [];

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "ripe-leased-"));
    const images = path.join(dir, "images");
    await fs.mkdir(images, { recursive: true });
    const photo = path.resolve("demo/sources/cat-chelsea.jpg");
    await sharp(photo).resize(96).jpeg().toFile(path.join(images, "source.jpg"));
    await sharp(photo).resize(96, 80, { fit: "cover" }).modulate({ hue: 90 }).png().toFile(path.join(images, "edit.png"));
    // Each answer takes 600 ms, so a kill usually lands with calls in flight.
    fake = await startFakeGemini({ apiKey: "test-key", delayMs: 600 });
    database = await createPostgresDatabase(serverUrl!);
    handle = database.handle;
  });

  afterEach(async () => {
    for (const loop of decisionLoops.splice(0)) {
      loop.stop();
      await loop.done.catch(() => undefined);
    }
    for (const instance of instances.splice(0)) {
      if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill("SIGKILL");
      await instance.output;
    }
  });

  afterAll(async () => {
    await database?.dispose();
    await fake?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  function startInstance(leaseMs: number): Instance {
    const child = spawnCli("worker", [], database, {
      GEMINI_API_KEY: "test-key",
      GEMINI_BASE_URL: fake.url,
      GEMINI_MAX_ATTEMPTS: "2",
      RIPE_IMAGE_ROOTS: dir,
      RIPE_JOB_LEASE_MS: String(leaseMs),
      RIPE_JOB_HEARTBEAT_MS: "300",
      RIPE_JOB_POLL_MS: "200",
    });
    let text = "";
    child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
    const instance = { child, pid: child.pid!, output: collect(child), log: () => text };
    instances.push(instance);
    return instance;
  }

  const isReady = (instance: Instance) => instance.log().includes("started");

  /** A dataset of ITEMS candidates whose instructions name them ("item-7"), so calls map to items. */
  async function seed(tag: string) {
    const [dataset] = await handle.db
      .insert(datasets)
      .values({ name: `leased-${tag}-${Date.now()}`, base: dir })
      .returning();
    const ids: number[] = [];
    for (let index = 0; index < ITEMS; index++) {
      const [request] = await handle.db
        .insert(requests)
        .values({
          datasetId: dataset.id,
          sourceImage: "images/source.jpg",
          text: `Give the cat a tiny red hat (${tag}-item-${index}).`,
          summarizedText: `hat ${index}`,
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

  /** Decisions through two more connection pools while the job runs; returns how many were sent. */
  function decideMeanwhile(datasetId: number, ids: number[], isJobDone: () => boolean) {
    const sent = { count: 0 };
    let isStopped = false;
    const isDone = () => isStopped || isJobDone();
    const run = async () => {
      const pools = await Promise.all([0, 1].map(() => openDatabase({ databaseUrl: database.databaseUrl, purpose: "decisions" })));
      try {
        const reviewers = await Promise.all(pools.map((pool, index) => ensureReviewer(pool, `reviewer-${index}-${Date.now()}`)));
        for (let round = 0; !isDone() || (round < 2 && !isStopped); round++) {
          await Promise.all(
            pools.map(async (pool, index) => {
              const candidateId = ids[(round * 2 + index) % ids.length];
              await addReview(pool, {
                datasetId,
                candidateId,
                reviewerId: reviewers[index].id,
                verdict: round % 2 ? "accept" : "reject",
                reasonTags: [],
              });
              sent.count++;
            }),
          );
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await Promise.all(pools.map((pool) => pool.close()));
      }
    };
    const done = run();
    decisionLoops.push({ stop: () => (isStopped = true), done });
    return { sent, done };
  }

  /** Judged exactly once, charged once, asked once (answered) per item; returns the abandoned calls. */
  async function checkExactlyOnce(tag: string, jobId: number, ids: number[]) {
    const job = (await getJob(handle, jobId))!;
    expect(job).toMatchObject({ status: "done", total: ITEMS, done: ITEMS, failed: 0 });
    const row = await queryOne(
      handle,
      z.object({ rows: col.int, candidates: col.int, charged: col.int, cost: col.number }),
      `SELECT count(*)::int AS rows, count(DISTINCT candidate_id)::int AS candidates,
              count(*) FILTER (WHERE cost_usd > 0)::int AS charged, COALESCE(sum(cost_usd), 0)::float8 AS cost
       FROM judgements WHERE job_id = $1`,
      [jobId],
    );
    expect(row).toMatchObject({ rows: ITEMS, candidates: ITEMS, charged: ITEMS });
    expect(row.cost).toBeCloseTo(job.costUsd, 9);
    const others = await queryOne(
      handle,
      z.object({ n: col.int }),
      "SELECT count(*)::int AS n FROM judgements WHERE candidate_id = ANY($1::bigint[]) AND job_id IS DISTINCT FROM $2",
      [ids, jobId],
    );
    expect(others.n).toBe(0);
    const calls = fake.calls.filter((call) => call.text.includes(`(${tag}-item-`));
    const answered = new Map<number, number>();
    for (const call of calls.filter((call) => !call.isAbandoned)) {
      const item = Number(/\(\w+-item-(\d+)\)/.exec(call.text)![1]);
      answered.set(item, (answered.get(item) ?? 0) + 1);
    }
    expect([...answered.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: ITEMS }, (_, index) => index));
    expect([...answered.values()].every((count) => count === 1)).toBe(true);
    return calls.filter((call) => call.isAbandoned).length;
  }

  async function reviewCount(datasetId: number): Promise<number> {
    const row = await queryOne(
      handle,
      z.object({ n: col.int }),
      "SELECT count(*)::int AS n FROM reviews r JOIN candidates c ON c.id = r.candidate_id WHERE c.dataset_id = $1",
      [datasetId],
    );
    return row.n;
  }

  it("kill -9 of the lease holder: the other instance takes over after the lease expires and finishes, nothing twice", async () => {
    const LEASE_MS = 3_000;
    const { dataset, ids } = await seed("kill");
    const created = await createJob(handle, { datasetId: dataset.id, provider: "gemini" });
    const instancesHere = [startInstance(LEASE_MS), startInstance(LEASE_MS)];
    await waitFor(() => instancesHere.every(isReady), { what: "both instances to start", timeoutMs: 60_000 });
    const background = await enqueueJudgeRun(handle, dataset.id, { judgeJobId: created.job.id, concurrency: CONCURRENCY });
    let isFinished = false;
    const decisions = decideMeanwhile(dataset.id, ids, () => isFinished);

    await waitFor(async () => ((await getJob(handle, created.job.id))?.done ?? 0) >= 4, { what: "four items judged", timeoutMs: 60_000 });
    const held = (await getBackgroundJob(handle, background.id))!;
    const first = instancesHere.find((instance) => held.leaseOwner?.includes(`:${instance.pid}:`))!;
    const second = instancesHere.find((instance) => instance !== first)!;
    expect(first).toBeDefined();
    first.child.kill("SIGKILL");
    const killedAt = Date.now();
    const killed = await first.output;
    expect(killed.signal).toBe("SIGKILL");
    const doneAtKill = (await getJob(handle, created.job.id))!.done;
    expect(doneAtKill).toBeLessThan(ITEMS);

    await waitFor(async () => (await getJob(handle, created.job.id))?.status === "done", { what: "the job to finish", timeoutMs: 90_000 });
    isFinished = true;
    await decisions.done;
    const finished = (await getBackgroundJob(handle, background.id))!;
    expect(finished).toMatchObject({ status: "done", attempts: 2, leaseOwner: null, leaseToken: null });
    // Taken over only once the dead instance's lease had run out, by the other instance.
    expect(finished.claimedAt!.getTime()).toBeGreaterThanOrEqual(held.leaseExpiresAt!.getTime() - 50);
    expect(second.log()).toMatch(new RegExp(`job #${background.id} \\(judge\\) claimed \\(attempt 2: taken over\\)`));
    expect(Date.now() - killedAt).toBeGreaterThan(LEASE_MS / 2);

    const abandoned = await checkExactlyOnce("kill", created.job.id, ids);
    console.log(
      `kill -9: ${doneAtKill}/${ITEMS} judged at the kill; taken over ${finished.claimedAt!.getTime() - killedAt} ms after it ` +
        `(lease ${LEASE_MS} ms); ${abandoned} call(s) in flight lost and asked again; ${decisions.sent.count} decisions meanwhile`,
    );
    // Only calls the killed instance had in flight went unanswered (and were asked again by the other).
    expect(abandoned).toBeLessThanOrEqual(CONCURRENCY);
    expect(await reviewCount(dataset.id)).toBe(decisions.sent.count);
    expect(decisions.sent.count).toBeGreaterThan(0);
  });

  it("SIGTERM: calls in flight are stored, the lease is released and the other instance resumes at once", async () => {
    const LEASE_MS = 60_000; // far longer than the test may wait: only a release lets the other instance in
    const { dataset, ids } = await seed("term");
    const created = await createJob(handle, { datasetId: dataset.id, provider: "gemini" });
    const first = startInstance(LEASE_MS);
    const second = startInstance(LEASE_MS);
    await waitFor(() => isReady(first) && isReady(second), { what: "both instances to start", timeoutMs: 60_000 });
    const background = await enqueueJudgeRun(handle, dataset.id, { judgeJobId: created.job.id, concurrency: CONCURRENCY });
    let isFinished = false;
    const decisions = decideMeanwhile(dataset.id, ids, () => isFinished);

    await waitFor(async () => ((await getJob(handle, created.job.id))?.done ?? 0) >= 4, { what: "four items judged", timeoutMs: 60_000 });
    const held = (await getBackgroundJob(handle, background.id))!;
    const holder = instances.find((instance) => held.leaseOwner?.includes(`:${instance.pid}:`))!;
    const other = holder === first ? second : first;
    expect(holder).toBeDefined();
    const signalledAt = Date.now();
    holder.child.kill("SIGTERM");
    const stopped = await holder.output;
    const exitMs = Date.now() - signalledAt;
    expect(stopped.code).toBe(143);
    expect(holder.log()).toContain("lease released");
    expect(exitMs).toBeLessThan(10_000);

    await waitFor(async () => (await getBackgroundJob(handle, background.id))?.attempts === 2, {
      what: "the other instance to claim the released job",
      timeoutMs: 10_000,
    });
    // Well before the 60 s lease could have expired.
    const takenOverMs = Date.now() - signalledAt;
    expect(takenOverMs).toBeLessThan(15_000);
    await waitFor(async () => (await getJob(handle, created.job.id))?.status === "done", { what: "the job to finish", timeoutMs: 90_000 });
    isFinished = true;
    await decisions.done;
    expect(other.log()).toMatch(new RegExp(`job #${background.id} \\(judge\\) claimed \\(attempt 2: taken over\\)`));
    const abandoned = await checkExactlyOnce("term", created.job.id, ids);
    expect(abandoned).toBe(0); // a graceful stop pays for nothing twice: its answers in flight were stored
    console.log(
      `SIGTERM: holder exited after ${exitMs} ms; the other instance had the job within ${takenOverMs} ms (lease ${LEASE_MS} ms)`,
    );
    expect(await reviewCount(dataset.id)).toBe(decisions.sent.count);
  });
});
