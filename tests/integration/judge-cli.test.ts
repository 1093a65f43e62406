// `npm run judge` (scripts/judge.ts) queues its run as a leased background job and works it in its
// own process, through the real CLI in a child process and the real @google/genai client against
// the local fake Gemini server: a run to the end (exit 0), Ctrl-C (cancelled, exit 130) and
// --resume, and on PostgreSQL kill -9 of the CLI mid-run, after which `npm run worker` takes the
// run over once the lease expires and finishes it; every candidate judged and charged once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { latestJobsFor } from "@/lib/db/queries/background-jobs";
import { judgementTally } from "@/lib/db/queries/judge-tally";
import { DEMO_DATASET, loadDemo } from "@/lib/import/load-demo";
import { getJob } from "@/lib/judge/runner";
import { startFakeGemini, type FakeGemini } from "@/lib/testing/fake-gemini-server";
import { tallyFakeCalls } from "@/lib/testing/fake-gemini-tally";
import { collect, reopen, runCli, spawnCli, testBackends, waitFor, type TestDatabase } from "@/lib/testing/test-db";

const LIMIT = 8;
const CONCURRENCY = 2;

describe.each(testBackends().map((backend) => [backend.name, backend] as const))("judge CLI as a leased job on %s", (_name, backend) => {
  let fake: FakeGemini;
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    // Each answer takes 300 ms, so a signal lands with calls in flight.
    fake = await startFakeGemini({ apiKey: "test-key", delayMs: 300 });
    database = await backend.create();
    await loadDemo(database.handle);
    await database.handle.close(); // PGlite: the CLI takes the folder
    env = {
      GEMINI_API_KEY: "test-key",
      GEMINI_BASE_URL: fake.url,
      GEMINI_MAX_ATTEMPTS: "1",
      RIPE_JOB_LEASE_MS: "2000",
      RIPE_JOB_HEARTBEAT_MS: "300",
      RIPE_JOB_POLL_MS: "100",
    };
  });

  afterAll(async () => {
    await database?.dispose();
    await fake?.close();
  });

  const jobIdIn = (stdout: string) => Number(/Job #(\d+): /.exec(stdout)?.[1]);
  const judge = (model: string, extra: string[] = []) => [
    "--dataset",
    DEMO_DATASET,
    "--model",
    model,
    "--limit",
    String(LIMIT),
    "--concurrency",
    String(CONCURRENCY),
    ...extra,
  ];

  /** One judgement per candidate, the job's counters equal to its rows and to one fake answer per candidate. */
  async function expectJudgedOnce(db: DbHandle, jobId: number, model: string) {
    const job = (await getJob(db, jobId))!;
    expect(job).toMatchObject({ status: "done", total: LIMIT, done: LIMIT, failed: 0 });
    const tally = await judgementTally(db, jobId);
    expect(tally).toMatchObject({ items: LIMIT, rows: LIMIT, candidates: LIMIT, charged: LIMIT, inputTokens: job.inputTokens });
    const calls = tallyFakeCalls(fake, model);
    expect(calls.asked).toBe(LIMIT);
    expect(calls.inputTokens).toBe(job.inputTokens);
    expect(calls.outputTokens).toBe(job.outputTokens);
    expect(calls.costUsd).toBeCloseTo(job.costUsd, 9);
    return calls;
  }

  it("runs its run as a leased job to the end: the summary on stdout, exit 0", async () => {
    const result = await runCli("judge", judge("gemini-2.5-flash"), database, env);
    expect(result.code, result.stderr).toBe(0);
    const jobId = jobIdIn(result.stdout);
    expect(result.stdout).toContain(`Job #${jobId}: ${LIMIT} of `);
    expect(result.stdout).toMatch(new RegExp(`Job #${jobId} done: ${LIMIT} judged, 0 failed of ${LIMIT} in `));
    const db = await reopen(database);
    try {
      const [leased] = await latestJobsFor(db, "judge", "judgeJobId", [jobId]);
      expect(leased).toMatchObject({ status: "done", attempts: 1, leaseToken: null, payload: { concurrency: CONCURRENCY } });
      const calls = await expectJudgedOnce(db, jobId, "gemini-2.5-flash");
      expect(calls).toMatchObject({ answeredOnce: LIMIT, answeredAgain: 0, abandoned: 0 });
    } finally {
      await db.close();
    }
  });

  // The same code on both backends: once is enough (PGlite, the single-user case).
  it.runIf(backend.name === "pglite")(
    "Ctrl-C cancels (exit 130, a resume hint); --resume finishes the run and pays for nothing twice",
    async () => {
      const model = "gemini-2.5-flash-lite";
      const child = spawnCli("judge", judge(model), database, env);
      const output = collect(child);
      await waitFor(() => fake.calls.filter((call) => call.model === model).length >= 3, {
        what: "the CLI's first calls",
        timeoutMs: 60_000,
      });
      child.kill("SIGINT");
      const cancelled = await output;
      expect(cancelled.code, cancelled.stderr).toBe(130);
      const jobId = jobIdIn(cancelled.stdout);
      expect(cancelled.stdout).toContain(`Resume with: npm run judge -- --resume ${jobId}`);
      expect(cancelled.stdout).toMatch(new RegExp(`Job #${jobId} cancelled: \\d+ judged`));

      const resumed = await runCli("judge", ["--resume", String(jobId)], database, env);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toMatch(new RegExp(`Job #${jobId} done: ${LIMIT} judged, 0 failed of ${LIMIT}`));
      const db = await reopen(database);
      try {
        const calls = await expectJudgedOnce(db, jobId, model);
        // Calls Ctrl-C aborted were never answered; the resume asked them once.
        expect(calls.answeredAgain).toBe(0);
        expect(calls.abandoned).toBeLessThanOrEqual(CONCURRENCY);
      } finally {
        await db.close();
      }
    },
  );

  it("SIGTERM hands the run over (calls in flight stored, exit 143); --resume works the same leased job to the end", async () => {
    const model = "gemini-2.5-flash-lite-preview";
    const child = spawnCli("judge", judge(model), database, env);
    const output = collect(child);
    await waitFor(() => fake.calls.filter((call) => call.model === model).length >= 3, {
      what: "the CLI's first calls",
      timeoutMs: 60_000,
    });
    child.kill("SIGTERM");
    const stopped = await output;
    expect(stopped.code, stopped.stderr).toBe(143);
    const jobId = jobIdIn(stopped.stdout);
    expect(stopped.stderr).toContain(`Job #${jobId} handed over`);

    const resumed = await runCli("judge", ["--resume", String(jobId)], database, env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`Job #${jobId} done: ${LIMIT} judged, 0 failed of ${LIMIT}`));
    const db = await reopen(database);
    try {
      const leased = await latestJobsFor(db, "judge", "judgeJobId", [jobId]);
      expect(leased).toHaveLength(1);
      expect(leased[0]).toMatchObject({ status: "done", attempts: 2 });
      const calls = await expectJudgedOnce(db, jobId, model);
      // A handover waits for the answers in flight and stores them: nothing asked twice, nothing abandoned.
      expect(calls).toMatchObject({ answeredOnce: LIMIT, answeredAgain: 0, abandoned: 0 });
    } finally {
      await db.close();
    }
  });

  it.runIf(backend.name === "postgres")(
    "kill -9 mid-run: `npm run worker` takes the run over once the CLI's lease expires and finishes it",
    async () => {
      const model = "gemini-2.5-pro";
      const db = await reopen(database);
      const child = spawnCli("judge", judge(model), database, env);
      const output = collect(child);
      let stdout = "";
      child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      await waitFor(() => jobIdIn(stdout) > 0, { what: "the CLI's job", timeoutMs: 60_000 });
      const jobId = jobIdIn(stdout);
      await waitFor(async () => ((await getJob(db, jobId))?.done ?? 0) >= 2, { what: "two items judged", timeoutMs: 60_000 });
      const [held] = await latestJobsFor(db, "judge", "judgeJobId", [jobId]);
      expect(held.leaseOwner).toContain(`:${child.pid}:`);
      child.kill("SIGKILL");
      expect((await output).signal).toBe("SIGKILL");
      const doneAtKill = (await getJob(db, jobId))!.done;
      expect(doneAtKill).toBeLessThan(LIMIT);

      const worker = spawnCli("worker", [], database, env);
      const workerOutput = collect(worker);
      try {
        await waitFor(async () => (await getJob(db, jobId))?.status === "done", {
          what: "the worker to finish the run",
          timeoutMs: 60_000,
        });
      } finally {
        worker.kill("SIGTERM");
        await workerOutput;
      }
      const [finished] = await latestJobsFor(db, "judge", "judgeJobId", [jobId]);
      expect(finished).toMatchObject({ id: held.id, status: "done", attempts: 2 });
      expect(finished.claimedAt!.getTime()).toBeGreaterThanOrEqual(held.leaseExpiresAt!.getTime());
      expect((await workerOutput).stdout).toContain(`job #${held.id} (judge) claimed (attempt 2: taken over)`);
      const calls = await expectJudgedOnce(db, jobId, model);
      // Only calls the CLI had in flight when it died were asked again.
      expect(calls.abandoned + calls.answeredAgain).toBeLessThanOrEqual(CONCURRENCY);
      await db.close();
    },
  );
});
