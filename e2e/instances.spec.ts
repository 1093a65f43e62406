// Many instances, one PostgreSQL (issue 11 §1): two `next start` instances of the build on one
// database of the PostgreSQL server CI starts, a judge run started over HTTP by the signed-in
// dataset owner against the local fake Gemini server, reviewers deciding through the instances.
// The scenario (e2e/fixtures/instances-scenario.ts, run under tsx: it needs the server-only code)
// kills the lease holder with SIGKILL, then in a second run stops it with SIGTERM, and reports
// what the database and the fake server saw; this spec asserts on that.
// What "judged once, charged once" means here: one judgement row per candidate of the run, the
// job's token and cost counters equal to the sum of those rows and to one answer per candidate
// as the fake server computed it. Gemini itself may have answered a candidate twice after a kill
// -9: a call the dead instance had in flight is lost with it (abandoned, or answered a moment
// before the kill but never stored), and the survivor asks again. So at most CONCURRENCY calls are
// extra, and only in the kill run; after SIGTERM none (the holder stores what is in flight).
// PostgreSQL only: skipped when TEST_DATABASE_URL is unset.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";

const serverUrl = process.env.TEST_DATABASE_URL;

type Run = {
  mode: "kill" | "sigterm";
  leaseMs: number;
  concurrency: number;
  exit: { code: number | null; signal: string | null };
  exitMs: number;
  doneAtStop: number;
  otherPid: number;
  takenOverBy: string | null;
  takeoverMs: number;
  leaseLeftAtStopMs: number;
  leaseExpiredAfterStopMs: number | null;
  claimedAfterExpiry: boolean | null;
  runMs: number;
  background: { status: string; attempts: number; leaseToken: string | null; error: string | null };
  job: { status: string; total: number; done: number; failed: number; inputTokens: number; outputTokens: number; costUsd: number };
  judgements: {
    items: number;
    rows: number;
    candidates: number;
    charged: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
  };
  calls: {
    asked: number;
    answeredOnce: number;
    answeredAgain: number;
    abandoned: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
  };
  decisions: {
    confirmed: number;
    stored: number;
    lost: number;
    extra: number;
    refused: number;
    uncertain: number;
    errors: string[];
    beforeStop: number;
    afterStop: number;
    beforeStopByInstance: number[];
    acrossStop: { saved: number; refused: number; uncertain: number } | null;
  };
};

test.describe("two app instances on one PostgreSQL", () => {
  test.skip(!serverUrl, "TEST_DATABASE_URL is unset: the many-instances test needs a PostgreSQL server (.ci/run starts one)");
  test.describe.configure({ mode: "serial", timeout: 240_000 });

  let facts: { kill: Run; sigterm: Run; seconds: number };

  test.beforeAll(() => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    const scenario = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "e2e/fixtures/instances-scenario.ts"], {
      encoding: "utf8",
      env,
      timeout: 220_000,
    });
    expect(scenario.status, `${scenario.stderr}\nsignal: ${scenario.signal}; ${scenario.error ?? "no spawn error"}`).toBe(0);
    facts = JSON.parse(scenario.stdout.trim().split("\n").at(-1)!);
    for (const run of [facts.kill, facts.sigterm])
      console.log(
        `${run.mode}: holder exited after ${run.exitMs} ms with ${run.doneAtStop}/${run.job.total} judged; taken over ${run.takeoverMs} ms ` +
          `after the stop (lease ${run.leaseMs} ms, ${run.leaseLeftAtStopMs} ms left at the stop); run ${run.runMs} ms; ` +
          `${run.calls.abandoned} call(s) abandoned, ${run.calls.answeredAgain} answered twice; ` +
          `${run.decisions.beforeStop} + ${run.decisions.afterStop} decisions before + after the stop` +
          (run.decisions.acrossStop ? `, through the holder while it stopped ${JSON.stringify(run.decisions.acrossStop)}` : ""),
      );
    console.log(`scenario: ${facts.seconds} s`);
  });

  /** Every candidate of the run judged once and charged once (see the header). */
  function expectJudgedOnce(run: Run) {
    expect(run.background).toEqual({ status: "done", attempts: 2, leaseToken: null, error: null });
    expect(run.job).toMatchObject({ status: "done", done: run.job.total, failed: 0 });
    expect(run.doneAtStop).toBeGreaterThan(0);
    expect(run.doneAtStop).toBeLessThan(run.job.total);
    const total = run.job.total;
    expect(run.judgements).toMatchObject({ items: total, rows: total, candidates: total, charged: total });
    expect(run.judgements.inputTokens).toBe(run.job.inputTokens);
    expect(run.judgements.outputTokens).toBe(run.job.outputTokens);
    expect(run.judgements.costUsd).toBeCloseTo(run.job.costUsd, 9);
    // One answer per candidate as the fake server reckons it: what the job charged, no more.
    expect(run.calls.asked).toBe(total);
    expect(run.calls.answeredOnce + run.calls.answeredAgain).toBe(total);
    expect(run.calls.inputTokens).toBe(run.job.inputTokens);
    expect(run.calls.outputTokens).toBe(run.job.outputTokens);
    expect(run.calls.costUsd).toBeCloseTo(run.job.costUsd, 9);
    expect(run.job.costUsd).toBeGreaterThan(0);
  }

  /**
   * Every decision a client was told was saved is in the database once. None failed, except
   * requests to an instance stopping under SIGTERM: refused once it had closed (not saved), or cut
   * off with the request sent ("uncertain": the only ones that may be stored without a confirmation).
   */
  function expectDecisionsKept(run: Run) {
    expect(run.decisions.errors).toEqual([]);
    expect(run.decisions.lost).toBe(0);
    expect(run.decisions.extra).toBeLessThanOrEqual(run.decisions.uncertain);
    // Through both instances before the stop (the holder, the other), through the other one after it.
    expect(run.decisions.beforeStopByInstance.every((count) => count > 0)).toBe(true);
    expect(run.decisions.afterStop).toBeGreaterThan(0);
    expect(run.decisions.stored - run.decisions.extra).toBe(run.decisions.confirmed);
  }

  test("kill -9 of the lease holder: the other instance finishes the run once the lease expires; nothing judged, charged or lost twice", () => {
    const run = facts.kill;
    expect(run.exit.signal).toBe("SIGKILL");
    expect(run.takenOverBy).toContain(`:${run.otherPid}:`);
    // Fenced: the other instance claimed the run only once the dead one's lease had run out…
    expect(run.claimedAfterExpiry).toBe(true);
    // …and soon after (it polls every 200 ms; loose for a busy machine).
    expect(run.takeoverMs).toBeLessThan(run.leaseMs + 5_000);
    expectJudgedOnce(run);
    expect(run.calls.abandoned + run.calls.answeredAgain).toBeLessThanOrEqual(run.concurrency);
    expectDecisionsKept(run);
    // Nothing was sent to the killed instance after its last answer.
    expect(run.decisions).toMatchObject({ refused: 0, uncertain: 0, extra: 0 });
  });

  test("SIGTERM of the lease holder: calls in flight are stored, the lease released, the other instance resumes at once", () => {
    const run = facts.sigterm;
    expect(run.exit.code).toBe(143);
    expect(run.exitMs).toBeLessThan(10_000);
    expect(run.takenOverBy).toContain(`:${run.otherPid}:`);
    // Long before the 30 s lease could have run out: it was released, not waited for.
    expect(run.takeoverMs).toBeLessThan(run.leaseLeftAtStopMs);
    expect(run.takeoverMs).toBeLessThan(10_000);
    expectJudgedOnce(run);
    expect(run.calls.abandoned).toBe(0);
    expect(run.calls.answeredAgain).toBe(0);
    expectDecisionsKept(run);
  });
});
