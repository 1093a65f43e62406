// Judge jobs live in the database (judge_jobs + judge_job_items), so a job survives a kill and
// resumes where it stopped. Money rules: a candidate that already has a good judgement from the
// same judge id is never queued again, and each item's result, its item status and the job's
// counters are written by ONE statement, so there is no moment where a paid answer is stored but
// the item still looks pending (or the reverse). Item failures become judgement rows with the
// error and the raw answer; they never stop the run.
import { eq } from "drizzle-orm";
import type { DbHandle } from "../db/client";
import { refreshCandidates } from "../db/queries/candidate-state";
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
  await handle.query("UPDATE judge_jobs SET status = 'cancelled' WHERE id = $1 AND status IN ('queued', 'running')", [jobId]);
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
  if (options.retryErrors) {
    await handle.query(
      `WITH reset AS (
         UPDATE judge_job_items SET status = 'pending' WHERE job_id = $1 AND status = 'error' RETURNING candidate_id
       ), removed AS (
         DELETE FROM judgements j USING reset WHERE j.job_id = $1 AND j.candidate_id = reset.candidate_id
       )
       UPDATE judge_jobs SET failed = failed - (SELECT count(*) FROM reset) WHERE id = $1`,
      [jobId],
    );
  }
  await handle.query("UPDATE judge_jobs SET status = 'queued', finished_at = NULL WHERE id = $1 AND status <> 'queued'", [jobId]);
  return runJob(handle, jobId, options);
}

const STORE_SQL = `
WITH stored AS (
  INSERT INTO judgements (candidate_id, judge_id, instruction_compliance, seamlessness, preservation_balance,
    technical_quality, reported_overall, rationale, raw, error, input_tokens, output_tokens, cost_usd, job_id)
  VALUES ($1, $2, $3::float8, $4::float8, $5::float8, $6::float8, $7::float8, $8, $9, $10, $11::int, $12::int, $13::float8, $14::int)
  ON CONFLICT (job_id, candidate_id) DO UPDATE SET
    judge_id = EXCLUDED.judge_id, instruction_compliance = EXCLUDED.instruction_compliance,
    seamlessness = EXCLUDED.seamlessness, preservation_balance = EXCLUDED.preservation_balance,
    technical_quality = EXCLUDED.technical_quality, reported_overall = EXCLUDED.reported_overall,
    rationale = EXCLUDED.rationale, raw = EXCLUDED.raw, error = EXCLUDED.error, input_tokens = EXCLUDED.input_tokens,
    output_tokens = EXCLUDED.output_tokens, cost_usd = EXCLUDED.cost_usd, created_at = now()
  RETURNING id
), item AS (
  UPDATE judge_job_items SET status = $15::text WHERE job_id = $14::int AND candidate_id = $1 AND status = 'running'
  RETURNING candidate_id
)
UPDATE judge_jobs SET
  done = done + (SELECT count(*) FROM item WHERE $15::text = 'done'),
  failed = failed + (SELECT count(*) FROM item WHERE $15::text = 'error'),
  input_tokens = input_tokens + COALESCE($11::int, 0),
  output_tokens = output_tokens + COALESCE($12::int, 0),
  cost_usd = cost_usd + COALESCE($13::float8, 0),
  standard_cost_usd = standard_cost_usd + COALESCE($13::float8, 0)
WHERE id = $14::int
RETURNING id`;

async function storeResult(handle: DbHandle, job: JudgeJob, candidateId: number, result: JudgeCallResult): Promise<void> {
  const usage = result.usage;
  const cost = usage && job.model ? costUsd(job.model, usage) : null;
  await handle.query(STORE_SQL, judgementParams(candidateId, job, result, cost));
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
  try {
    const stale = await handle.query(
      "UPDATE judge_job_items SET status = 'pending' WHERE job_id = $1 AND status = 'running' RETURNING candidate_id",
      [jobId],
    );
    await handle.query(
      "UPDATE judge_jobs SET status = 'running', error = NULL, finished_at = NULL WHERE id = $1 AND status IN ('queued', 'running', 'failed')",
      [jobId],
    );
    // A hard kill may have lost the last refresh batch: re-derive what this job stored.
    if (stale.length > 0 || job.status === "running") await refreshJobCandidates(handle, jobId);
    const interactive = () => processItems(handle, job, dataset, judge, { ...options, signal });
    if (job.mode === "batch") {
      const client = options.batchClient ?? createBatchClient({ ...options.gemini, ...(job.model ? { model: job.model } : {}) });
      await runBatchItems({
        handle,
        job,
        dataset,
        client,
        settings: batchSettings(options.batch),
        resolve: options.resolve,
        signal,
        onProgress: options.onProgress,
        interactive,
      });
    } else {
      await interactive();
    }
    await handle.query(
      `UPDATE judge_jobs SET status = CASE
         WHEN NOT EXISTS (SELECT 1 FROM judge_job_items WHERE job_id = $1 AND status IN ('pending', 'running', 'batched')) THEN 'done'
         WHEN status = 'cancelled' OR $2::boolean THEN 'cancelled'
         ELSE 'queued' END,
       finished_at = now() WHERE id = $1`,
      [jobId, signal.aborted],
    );
  } catch (error) {
    await handle
      .query("UPDATE judge_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1", [jobId, (error as Error).message])
      .catch(() => undefined);
    throw error;
  } finally {
    running.delete(jobId);
  }
  return (await getJob(handle, jobId))!;
}

async function refreshJobCandidates(handle: DbHandle, jobId: number) {
  const rows = await handle.query<{ candidate_id: number }>("SELECT candidate_id FROM judgements WHERE job_id = $1 AND error IS NULL", [
    jobId,
  ]);
  await refreshCandidates(
    handle,
    rows.map((row) => Number(row.candidate_id)),
  );
}

async function processItems(
  handle: DbHandle,
  job: JudgeJob,
  dataset: Dataset,
  judge: Judge,
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
    if (isStopped || signal.aborted) return (isStopped = true);
    if (Date.now() - lastPoll >= STATUS_POLL_MS) {
      lastPoll = Date.now();
      const [row] = await handle.query<{ status: string }>("SELECT status FROM judge_jobs WHERE id = $1", [job.id]);
      if (row?.status !== "running") isStopped = true;
    }
    return isStopped;
  };
  const nextId = async (): Promise<number | null> => {
    while (queue.length === 0 && !isExhausted) {
      refill ??= handle
        .query<{ candidate_id: number }>(
          "SELECT candidate_id FROM judge_job_items WHERE job_id = $1 AND status = 'pending' AND candidate_id > $2 ORDER BY candidate_id LIMIT 200",
          [job.id, lastId],
        )
        .then((rows) => {
          queue = rows.map((row) => Number(row.candidate_id));
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
      const claimed = await handle.query(
        "UPDATE judge_job_items SET status = 'running', attempts = attempts + 1 WHERE job_id = $1 AND candidate_id = $2 AND status = 'pending' RETURNING candidate_id",
        [job.id, candidateId],
      );
      if (claimed.length === 0) continue;
      const result = await judgeItem(handle, dataset, judge, candidateId, options);
      if (!result.ok && result.isCancelled) {
        // Stopped, not judged: the item stays to do. An answer that did arrive (paid) is stored below.
        await handle.query("UPDATE judge_job_items SET status = 'pending' WHERE job_id = $1 AND candidate_id = $2 AND status = 'running'", [
          job.id,
          candidateId,
        ]);
        isStopped = true;
        return;
      }
      await storeResult(handle, job, candidateId, result);
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
