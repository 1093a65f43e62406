// Judge jobs live in the database (judge_jobs + judge_job_items), so a job survives a kill and
// resumes where it stopped, in this process or (through a leased background job, lib/jobs) in any
// instance. Money rules (lib/db/queries/judge-runs.ts keeps them): a candidate that already has a
// good judgement from the same judge id is never queued again; an item is claimed under the run's
// token and only that run can store it; each item's result, its status and the job's counters are
// ONE statement guarded by the unique (job, candidate) index, so no item is stored or charged
// twice. Item failures become judgement rows with the error and the raw answer; they never stop the run.
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbHandle } from "../db/client";
import { refreshCandidates } from "../db/queries/candidate-state";
import {
  claimItem,
  failJudgeRun,
  finishJudgeRun,
  judgedCandidatesOfJob,
  judgeJobStatus,
  markJudgeJobCancelled,
  markJudgeJobQueued,
  pendingItems,
  requeueFailedItems,
  startJudgeRun,
  storeItemResult,
  unclaimItem,
} from "../db/queries/judge-runs";
import { datasets, type Dataset, type JudgeJob } from "../db/schema";
import { getJob } from "./jobs";
import { createJudge, judgementParams, type Judge, type JudgeCallResult, type JudgeProvider } from "./judges";
import type { GeminiSettings } from "./gemini";
import { batchSettings, cancelOpenBatches, runBatchItems, type BatchSettings } from "./batch-runner";
import { createBatchClient, type BatchClient } from "./gemini-batch";
import { costUsd } from "./pricing";
import { loadJudgeInput, type ResolveImage } from "./item-input";

export { JUDGE_PROVIDERS, type Judge, type JudgeProvider } from "./judges";
export * from "./jobs";

export type RunOptions = {
  /** Parallel judge calls; default 4 for Gemini, 2 for the CPU-bound metrics judge. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (job: JudgeJob, event?: { candidateId: number; error?: string }) => void;
  /** Replaces the judge built from the job's provider/model (tests); its id must match the job's. */
  judge?: Judge;
  gemini?: Partial<GeminiSettings>;
  resolve?: ResolveImage;
  /** Batch-mode jobs: batch sizes and polling (defaults and env in batch-store.ts). */
  batch?: Partial<BatchSettings>;
  /** Replaces the Batch API client built from `gemini` (tests). */
  batchClient?: BatchClient;
  /** Set when a background-job lease (lib/jobs) runs this job: every job-level write checks it still holds. */
  leaseToken?: string;
  /** True when an abort means "hand the job to another instance" (shutdown, lease lost), not "cancel". */
  isHandover?: () => boolean;
  /** Stop claiming items but let calls in flight finish and be stored (a shutdown); `signal` aborts them. */
  drainSignal?: AbortSignal;
};

// Jobs running in this process, so cancelJob can stop in-flight calls at once. On globalThis
// because Next may load this module more than once.
const running: Map<number, AbortController> = ((globalThis as { __ripeJudgeRuns?: Map<number, AbortController> }).__ripeJudgeRuns ??=
  new Map());

export function isJobRunningHere(jobId: number): boolean {
  return running.has(jobId);
}

/**
 * Marks the job cancelled (any process running it stops between items) and aborts it if it runs
 * here. A batch job that no runner of this process polls has its open Gemini batches cancelled
 * here (best effort: without credentials they finish and are collected on resume).
 */
export async function cancelJob(
  handle: DbHandle,
  jobId: number,
  options: Pick<RunOptions, "gemini" | "batchClient"> = {},
): Promise<JudgeJob | null> {
  await markJudgeJobCancelled(handle, jobId);
  const controller = running.get(jobId);
  controller?.abort();
  const job = await getJob(handle, jobId);
  if (!controller && job?.mode === "batch" && job.status === "cancelled") {
    try {
      await cancelOpenBatches(
        handle,
        jobId,
        options.batchClient ?? createBatchClient({ ...options.gemini, ...(job.model ? { model: job.model } : {}) }),
      );
    } catch (error) {
      console.error(`judge job #${jobId}: could not cancel its Gemini batches:`, (error as Error).message);
    }
  }
  return getJob(handle, jobId);
}

/**
 * Makes a stopped job runnable again (cancelled, failed, or left "running" by a killed process)
 * and runs it. With retryErrors, failed items are queued again; their error rows are replaced.
 */
export async function resumeJob(handle: DbHandle, jobId: number, options: RunOptions & { retryErrors?: boolean } = {}): Promise<JudgeJob> {
  if (isJobRunningHere(jobId)) throw new Error(`Judge job #${jobId} is already running.`);
  if (options.retryErrors) await requeueFailedItems(handle, jobId);
  await markJudgeJobQueued(handle, jobId);
  return runJob(handle, jobId, options);
}

async function storeResult(handle: DbHandle, job: JudgeJob, candidateId: number, result: JudgeCallResult, runToken: string) {
  const usage = result.usage;
  const cost = usage && job.model ? costUsd(job.model, usage) : null;
  return storeItemResult(handle, judgementParams(candidateId, job, result, cost), runToken);
}

/** Judges one claimed item; every failure becomes a result, never an exception. */
async function judgeItem(
  handle: DbHandle,
  dataset: Dataset,
  judge: Judge,
  candidateId: number,
  options: RunOptions,
): Promise<JudgeCallResult> {
  try {
    const loaded = await loadJudgeInput(handle, dataset, candidateId, options.resolve);
    if (!loaded.ok) return loaded;
    return await judge.judge(loaded.input, { signal: options.signal });
  } catch (error) {
    return { ok: false, error: `Judging failed: ${(error as Error).message ?? String(error)}`, retryable: true };
  }
}

const STATUS_POLL_MS = 500;
const REFRESH_BATCH = 50;

/**
 * Runs a job's pending items until none are left, the signal aborts or the job is cancelled.
 * Items left "running" by a killed process go back to pending first (one runner per job).
 */
export async function runJob(handle: DbHandle, jobId: number, options: RunOptions = {}): Promise<JudgeJob> {
  const job = await getJob(handle, jobId);
  if (!job) throw new Error(`Judge job #${jobId} does not exist.`);
  if (job.status === "cancelled" || job.status === "done") return job;
  if (running.has(jobId)) throw new Error(`Judge job #${jobId} is already running.`);
  const judge = options.judge ?? createJudge(job.provider as JudgeProvider, job.model ?? undefined, options.gemini);
  if (judge.judgeId !== job.judgeId) throw new Error(`Judge job #${jobId} was created for ${job.judgeId}, not ${judge.judgeId}.`);
  const [dataset] = await handle.db.select().from(datasets).where(eq(datasets.id, job.datasetId));
  if (!dataset) throw new Error(`Judge job #${jobId}: dataset ${job.datasetId} no longer exists.`);

  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  running.set(jobId, controller);
  const leaseToken = options.leaseToken ?? null;
  const runToken = leaseToken ?? crypto.randomUUID();
  try {
    const stale = await startJudgeRun(handle, jobId, leaseToken);
    // A hard kill may have lost the last refresh batch: re-derive what this job stored.
    if (stale.length > 0 || job.status === "running") await refreshJobCandidates(handle, jobId);
    const interactive = () => processItems(handle, job, dataset, judge, runToken, { ...options, signal });
    if (job.mode === "batch") {
      const client = options.batchClient ?? createBatchClient({ ...options.gemini, ...(job.model ? { model: job.model } : {}) });
      await runBatchItems({
        handle,
        job,
        dataset,
        client,
        settings: batchSettings(options.batch),
        resolve: options.resolve,
        signal: options.drainSignal ? AbortSignal.any([signal, options.drainSignal]) : signal,
        onProgress: options.onProgress,
        interactive,
      });
    } else {
      await interactive();
    }
    await finishJudgeRun(handle, jobId, {
      isCancelled: signal.aborted || (options.drainSignal?.aborted ?? false),
      isHandover: options.isHandover?.() ?? false,
      leaseToken,
    });
  } catch (error) {
    await failJudgeRun(handle, jobId, (error as Error).message, leaseToken).catch(() => undefined);
    throw error;
  } finally {
    running.delete(jobId);
  }
  return (await getJob(handle, jobId))!;
}

async function refreshJobCandidates(handle: DbHandle, jobId: number) {
  await refreshCandidates(handle, await judgedCandidatesOfJob(handle, jobId));
}

async function processItems(
  handle: DbHandle,
  job: JudgeJob,
  dataset: Dataset,
  judge: Judge,
  runToken: string,
  options: RunOptions & { signal: AbortSignal },
) {
  const concurrency = Math.max(1, options.concurrency ?? (job.provider === "metrics" ? 2 : 4));
  const signal = options.signal;
  let queue: number[] = [];
  let lastId = -1;
  let isExhausted = false;
  let isStopped = false;
  let lastPoll = 0;
  let refill: Promise<void> | null = null;
  let toRefresh: number[] = [];

  const shouldStop = async () => {
    if (isStopped || signal.aborted || options.drainSignal?.aborted) return (isStopped = true);
    if (Date.now() - lastPoll >= STATUS_POLL_MS) {
      lastPoll = Date.now();
      if ((await judgeJobStatus(handle, job.id)) !== "running") isStopped = true;
    }
    return isStopped;
  };
  const nextId = async (): Promise<number | null> => {
    while (queue.length === 0 && !isExhausted) {
      refill ??= pendingItems(handle, job.id, lastId)
        .then((ids) => {
          queue = ids;
          if (queue.length === 0) isExhausted = true;
          else lastId = queue[queue.length - 1];
        })
        .finally(() => (refill = null));
      await refill;
    }
    return queue.shift() ?? null;
  };
  const flushRefresh = async () => {
    const ids = toRefresh;
    toRefresh = [];
    if (ids.length) await refreshCandidates(handle, ids);
  };

  const worker = async () => {
    while (!(await shouldStop())) {
      const candidateId = await nextId();
      if (candidateId === null) return;
      if (!(await claimItem(handle, job.id, candidateId, runToken, options.leaseToken ?? null))) continue;
      const result = await judgeItem(handle, dataset, judge, candidateId, options);
      if (!result.ok && result.isCancelled) {
        // Stopped, not judged: the item stays to do. An answer that did arrive (paid) is stored below.
        await unclaimItem(handle, job.id, candidateId, runToken);
        isStopped = true;
        return;
      }
      if (!(await storeResult(handle, job, candidateId, result, runToken))) {
        // Another run holds this item now (this one lost its lease): stop, store nothing more.
        isStopped = true;
        return;
      }
      if (result.ok) toRefresh.push(candidateId);
      if (toRefresh.length >= REFRESH_BATCH) await flushRefresh();
      if (options.onProgress)
        options.onProgress((await getJob(handle, job.id))!, { candidateId, error: result.ok ? undefined : result.error });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await flushRefresh();
  }
}
