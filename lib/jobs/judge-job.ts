// A judge run as a leased background job. The judge job's own rows (judge_jobs, its items) hold
// all progress, so taking over is running it again: items already stored are never claimed, and
// items the dead instance left "running" go back to pending (lib/judge/runner.ts). Stopping for a
// shutdown or a lost lease leaves the judge job "queued" for whichever instance claims it next;
// only the user's cancel (judge_jobs.status) marks it cancelled.
import { z } from "zod";
import { enqueueBackgroundJob, hasLiveJob } from "../db/queries/background-jobs";
import type { DbHandle } from "../db/client";
import { getJob, resumeJob, runJob } from "../judge/runner";
import type { JobHandler } from "./worker";

export const judgePayload = z.object({
  judgeJobId: z.number().int().positive(),
  concurrency: z.number().int().min(1).max(64),
  /** First claim only: put the job's failed items back to pending (a takeover must not, or it would pay twice). */
  retryErrors: z.boolean().default(false),
  /** Batch runs: items per Gemini batch (the CLI's --batch-size); else RIPE_JUDGE_BATCH_SIZE of the instance. */
  batchMaxItems: z.number().int().positive().optional(),
});
export type JudgePayload = z.input<typeof judgePayload>;

export class JudgeAlreadyQueuedError extends Error {}

/** Queues a judge job for whichever instance claims it first. */
export async function enqueueJudgeRun(db: DbHandle, datasetId: number, payload: JudgePayload) {
  if (await hasLiveJob(db, "judge", "judgeJobId", payload.judgeJobId))
    throw new JudgeAlreadyQueuedError(`Judge job #${payload.judgeJobId} is already running or waiting for an instance.`);
  return enqueueBackgroundJob(db, { kind: "judge", datasetId, payload: judgePayload.parse(payload) });
}

export const runJudgeJob: JobHandler = async ({ db, job, token, signal, drainSignal, stopReason, reportProgress }) => {
  const payload = judgePayload.parse(job.payload);
  const judgeJob = await getJob(db, payload.judgeJobId);
  if (!judgeJob) return { status: "failed", error: `Judge job #${payload.judgeJobId} no longer exists.` };
  const options = {
    concurrency: payload.concurrency,
    signal,
    drainSignal,
    leaseToken: token,
    batch: payload.batchMaxItems ? { maxItems: payload.batchMaxItems } : undefined,
    isHandover: () => stopReason() === "shutdown" || stopReason() === "lease-lost",
  };
  // For the page's rate and ETA: how far the job was when this instance took it.
  await reportProgress({ doneAtStart: judgeJob.done + judgeJob.failed });
  const isFirstClaim = job.attempts === 1;
  const finished =
    isFirstClaim && (payload.retryErrors || judgeJob.status === "cancelled" || judgeJob.status === "failed")
      ? await resumeJob(db, judgeJob.id, { ...options, retryErrors: payload.retryErrors })
      : await runJob(db, judgeJob.id, options);
  const result = { judgeStatus: finished.status, done: finished.done, failed: finished.failed, total: finished.total };
  if (finished.status === "failed") return { status: "failed", error: finished.error, result };
  return { status: finished.status === "cancelled" ? "cancelled" : "done", result };
};
