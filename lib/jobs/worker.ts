// DESIGN: the worker loop that every app instance runs (started once per process by
// instrumentation.ts, or by `npm run worker`). Background work is a row in background_jobs:
//
//   queued ──claim (FOR UPDATE SKIP LOCKED, new lease token)──▶ running ──▶ done | failed | cancelled
//      ▲                                                          │
//      └──── released on SIGTERM, or the lease expired ◀──────────┘   (any instance claims it again)
//
// While a job runs, a heartbeat renews its lease every heartbeatMs; a heartbeat that finds the
// token gone (another instance took the job over after the lease expired) aborts the work at once,
// and every write the work makes is fenced by the token (lib/db/queries/background-jobs.ts,
// judge-runs.ts), so a stalled instance cannot store anything after losing its lease. The work
// itself must be resumable: a judge run skips what was stored, an import restarts from the file
// and skips committed lines, a rubric change is idempotent. On PGlite the same SQL runs in the one
// process (SKIP LOCKED never meets contention there), and leases left by the previous process are
// expired at start, since no other process can hold them.
import crypto from "node:crypto";
import os from "node:os";
import type { DbHandle } from "../db/client";
import {
  claimBackgroundJob,
  expireLeasesOfDeadProcess,
  finishBackgroundJob,
  releaseLease,
  renewLease,
  reportProgress,
} from "../db/queries/background-jobs";
import type { BackgroundJob, BackgroundJobKind } from "../db/schema";
import { workerSettings, type WorkerSettings } from "./settings";

/** Why a job's signal aborted: hand it over (shutdown, lease lost) or stop it for good (cancelled). */
export type StopReason = "shutdown" | "lease-lost" | "cancelled";

export type JobContext = {
  db: DbHandle;
  job: BackgroundJob;
  /** This claim's lease token: pass it to writes that must be fenced. */
  token: string;
  /** Stop now: cancelled, the lease was lost, or a shutdown's grace for in-flight work ran out. */
  signal: AbortSignal;
  /** Stop taking new work but finish what is in flight (a shutdown); `signal` follows if that takes too long. */
  drainSignal: AbortSignal;
  stopReason(): StopReason | null;
  /** Merges into the job's progress (read by the pages of every instance); aborts the job if the lease is gone. */
  reportProgress(progress: Record<string, unknown>): Promise<void>;
};

export type JobOutcome = { status: "done" | "failed" | "cancelled"; result?: Record<string, unknown> | null; error?: string | null };
export type JobHandler = (context: JobContext) => Promise<JobOutcome>;
export type JobHandlers = Partial<Record<BackgroundJobKind, JobHandler>>;

export type Worker = {
  owner: string;
  start(): void;
  /** Stop claiming, abort running jobs so they save what is in flight, release their leases. */
  stop(): Promise<void>;
  /** Look for work now (a job was just enqueued here). */
  nudge(): void;
  runningJobIds(): number[];
};

type Running = { stop(reason: StopReason): void; done: Promise<void> };

export function createWorker(options: {
  db: () => Promise<DbHandle>;
  handlers: JobHandlers;
  settings?: Partial<WorkerSettings>;
  owner?: string;
  log?: (message: string) => void;
  /** Claim this job only (the judge CLI's worker, for the run it queued); others are left to the instances. */
  jobId?: number;
}): Worker {
  const settings = workerSettings(options.settings);
  const owner = options.owner ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const kinds = Object.keys(options.handlers) as BackgroundJobKind[];
  const log = options.log ?? ((message: string) => console.log(`[jobs ${owner}] ${message}`));
  const active = new Map<number, Running>();
  let isStopping = false;
  let isStarted = false;
  let wake: (() => void) | null = null;
  let loopDone: Promise<void> = Promise.resolve();

  const nudge = () => wake?.();
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, settings.pollMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  function launch(db: DbHandle, job: BackgroundJob, token: string) {
    const handler = options.handlers[job.kind]!;
    const controller = new AbortController();
    const drain = new AbortController();
    let reason: StopReason | null = null;
    let graceTimer: NodeJS.Timeout | undefined;
    const stop = (why: StopReason) => {
      if (reason) return;
      reason = why;
      drain.abort(why);
      // A shutdown lets in-flight work finish (an answer already paid for is stored) for half the
      // shutdown timeout; everything else stops at once.
      if (why === "shutdown") graceTimer = setTimeout(() => controller.abort(why), settings.shutdownTimeoutMs / 2);
      else controller.abort(why);
    };
    let isBeating = false;
    const beat = setInterval(async () => {
      if (isBeating) return; // PGlite: a beat waits behind a long statement; never pile them up
      isBeating = true;
      try {
        const state = await renewLease(db, job.id, token, settings.leaseMs);
        if (!state.isHeld) stop("lease-lost");
        else if (state.isCancelRequested) stop("cancelled");
      } catch (error) {
        log(`job #${job.id}: heartbeat failed: ${(error as Error).message}`);
      } finally {
        isBeating = false;
      }
    }, settings.heartbeatMs);
    const context: JobContext = {
      db,
      job,
      token,
      signal: controller.signal,
      drainSignal: drain.signal,
      stopReason: () => reason,
      async reportProgress(progress) {
        if (!(await reportProgress(db, job.id, token, progress))) stop("lease-lost");
      },
    };
    const settle = async (outcome: JobOutcome) => {
      clearInterval(beat);
      if (reason === "lease-lost") return log(`job #${job.id} (${job.kind}): lease lost, another instance has it`);
      if (reason === "shutdown") {
        await releaseLease(db, job.id, token);
        return log(`job #${job.id} (${job.kind}): lease released for another instance`);
      }
      await finishBackgroundJob(
        db,
        job.id,
        token,
        reason === "cancelled" && outcome.status === "done" ? { ...outcome, status: "cancelled" } : outcome,
      );
    };
    const done = handler(context)
      .then(settle, (error: Error) => settle({ status: "failed", error: error.message }))
      .catch((error: Error) => log(`job #${job.id}: could not record its end: ${error.message}`))
      .finally(() => {
        clearInterval(beat);
        clearTimeout(graceTimer);
        active.delete(job.id);
        nudge();
      });
    active.set(job.id, { stop, done });
    log(`job #${job.id} (${job.kind}) claimed${job.attempts > 1 ? ` (attempt ${job.attempts}: taken over)` : ""}`);
  }

  async function loop() {
    const db = await options.db();
    if (db.kind === "pglite") await expireLeasesOfDeadProcess(db);
    while (!isStopping) {
      let isClaimed = false;
      if (active.size < settings.slots) {
        try {
          const token = crypto.randomUUID();
          const job = await claimBackgroundJob(db, { owner, token, leaseMs: settings.leaseMs, kinds, jobId: options.jobId });
          if (job && !isStopping) {
            isClaimed = true;
            launch(db, job, token);
          } else if (job) {
            await releaseLease(db, job.id, token);
          }
        } catch (error) {
          log(`claiming failed: ${(error as Error).message}`);
        }
      }
      if (!isClaimed && !isStopping) await idle();
    }
  }

  return {
    owner,
    nudge,
    runningJobIds: () => [...active.keys()],
    start() {
      if (isStarted) return;
      isStarted = true;
      loopDone = loop().catch((error: Error) => log(`worker stopped: ${error.message}`));
    },
    async stop() {
      isStopping = true;
      nudge();
      for (const running of active.values()) running.stop("shutdown");
      const all = Promise.allSettled([loopDone, ...[...active.values()].map((running) => running.done)]);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, settings.shutdownTimeoutMs)));
      await Promise.race([all, timeout]);
      clearTimeout(timer);
    },
  };
}
