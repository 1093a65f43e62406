// Batch-mode judge jobs (batch-runner.ts): their settings, their state in the database, and the
// one statement that stores a result. Money rules, as for interactive runs (runner.ts):
// - an item is claimed into one batch (status "batched", batch_id) in the same statement that
//   creates the batch row, so no item is ever sent in two batches at once;
// - the remote batch name is stored as soon as Gemini accepts it, and a batch whose answer was
//   lost is found again by its unique display name, so a restart polls instead of resubmitting;
// - a result is stored only if its item is still "batched" in that batch (one statement with the
//   counters), so collecting a results file twice charges nothing twice.
// Retryable failures (rate limits, server errors, missing lines, a failed or expired batch) go
// back to pending: a follow-up batch takes them when there are many, the interactive API when few.
import { z } from "zod";
import type { DbHandle } from "../db/client";
import type { Dataset, JudgeBatch, JudgeJob } from "../db/schema";
import type { BatchClient } from "./gemini-batch";
import type { ResolveImage } from "./item-input";
import { judgementParams, type JudgeCallResult } from "./judges";
import { batchPriceFor, costUsd, priceFor } from "./pricing";

export type BatchSettings = {
  /** Most items in one Gemini batch. */
  maxItems: number;
  /** Most bytes in one batch file (Gemini takes files up to 2 GB; two images per line add up). */
  maxBytes: number;
  /** Batches in flight at once (Gemini limits the tokens a project may have enqueued). */
  maxOpen: number;
  pollMs: number;
  /** Retryable failures get a follow-up batch when at least this many, else the interactive API. */
  followUpMin: number;
  /** Times an item goes into a batch before its retry is interactive. */
  maxBatchAttempts: number;
};

const envSchema = z.object({
  RIPE_JUDGE_BATCH_SIZE: z.coerce.number().int().min(1, { message: "RIPE_JUDGE_BATCH_SIZE must be at least 1 item" }).optional(),
  RIPE_JUDGE_BATCH_POLL_MS: z.coerce
    .number()
    .int()
    .min(1, { message: "RIPE_JUDGE_BATCH_POLL_MS must be a positive number of milliseconds" })
    .optional(),
  RIPE_JUDGE_BATCH_MAX_OPEN: z.coerce.number().int().min(1, { message: "RIPE_JUDGE_BATCH_MAX_OPEN must be at least 1" }).optional(),
});

export function batchSettings(
  overrides: Partial<BatchSettings> = {},
  env: Record<string, string | undefined> = process.env,
): BatchSettings {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([key, value]) => key in envSchema.shape && value !== "")),
  );
  if (!parsed.success) throw new Error(`Batch settings: ${parsed.error.issues.map((issue) => issue.message).join("; ")}`);
  return {
    maxItems: overrides.maxItems ?? parsed.data.RIPE_JUDGE_BATCH_SIZE ?? 1000,
    maxBytes: overrides.maxBytes ?? 1_500_000_000,
    maxOpen: overrides.maxOpen ?? parsed.data.RIPE_JUDGE_BATCH_MAX_OPEN ?? 10,
    pollMs: overrides.pollMs ?? parsed.data.RIPE_JUDGE_BATCH_POLL_MS ?? 30_000,
    followUpMin: overrides.followUpMin ?? 100,
    maxBatchAttempts: overrides.maxBatchAttempts ?? 2,
  };
}

export type BatchRun = {
  handle: DbHandle;
  job: JudgeJob;
  dataset: Dataset;
  client: BatchClient;
  settings: BatchSettings;
  resolve?: ResolveImage;
  signal: AbortSignal;
  onProgress?: (job: JudgeJob, event?: { candidateId: number; error?: string }) => void;
  /** Judges whatever is pending through the interactive API (runner.ts's worker pool). */
  interactive: () => Promise<void>;
};

/** A display name no other batch of any Ripe database shares: job, row and the row's creation time. */
export const displayNameOf = (batch: Pick<JudgeBatch, "id" | "jobId" | "createdAt">) =>
  `ripe-job-${batch.jobId}-batch-${batch.id}-${batch.createdAt.getTime()}`;

const BATCH_COLUMNS = `id, job_id AS "jobId", name, input_file AS "inputFile", result_file AS "resultFile", state,
  remote_state AS "remoteState", item_count AS "itemCount", error, created_at AS "createdAt", submitted_at AS "submittedAt", finished_at AS "finishedAt"`;

export async function batchesIn(run: BatchRun, states: string[]): Promise<JudgeBatch[]> {
  const rows = await run.handle.query<JudgeBatch>(
    `SELECT ${BATCH_COLUMNS} FROM judge_batches WHERE job_id = $1 AND state = ANY($2::text[]) ORDER BY id`,
    [run.job.id, states],
  );
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** Recomputes the job's batch summary for the judge page; `phase` overrides the derived one. */
export async function refreshBatchStatus(handle: DbHandle, jobId: number, phase?: string): Promise<void> {
  await handle.query(
    `WITH counts AS (SELECT state, count(*)::int AS n FROM judge_batches WHERE job_id = $1 GROUP BY state)
     UPDATE judge_jobs SET batch_status = jsonb_build_object(
       'phase', COALESCE($2::text, CASE
         WHEN EXISTS (SELECT 1 FROM counts WHERE state = 'building') THEN 'submitting'
         WHEN EXISTS (SELECT 1 FROM counts WHERE state = 'collecting') THEN 'collecting'
         WHEN EXISTS (SELECT 1 FROM counts WHERE state = 'running') THEN 'running'
         WHEN EXISTS (SELECT 1 FROM counts WHERE state IN ('submitted', 'cancelling')) THEN 'submitted'
         ELSE 'done' END),
       'batches', COALESCE((SELECT jsonb_object_agg(state, n) FROM counts), '{}'::jsonb),
       'itemsInBatches', (SELECT count(*) FROM judge_job_items WHERE job_id = $1 AND status = 'batched'))
     WHERE id = $1`,
    [jobId, phase ?? null],
  );
}

/** Puts a batch's unanswered items back to pending (they were never charged). */
export async function releaseItems(run: BatchRun, batchId: number, candidateIds?: number[]) {
  await run.handle.query(
    `UPDATE judge_job_items SET status = 'pending', batch_id = NULL
     WHERE job_id = $1 AND batch_id = $2 AND status = 'batched' AND ($3::bigint[] IS NULL OR candidate_id = ANY($3::bigint[]))`,
    [run.job.id, batchId, candidateIds ?? null],
  );
}

const STORE_BATCH_SQL = `
WITH item AS (
  UPDATE judge_job_items SET status = $15::text
  WHERE job_id = $14::int AND candidate_id = $1 AND batch_id = $16::int AND status = 'batched'
  RETURNING candidate_id
), stored AS (
  INSERT INTO judgements (candidate_id, judge_id, instruction_compliance, seamlessness, preservation_balance,
    technical_quality, reported_overall, rationale, raw, error, input_tokens, output_tokens, cost_usd, job_id)
  SELECT $1, $2, $3::float8, $4::float8, $5::float8, $6::float8, $7::float8, $8, $9, $10, $11::int, $12::int, $13::float8, $14::int FROM item
  ON CONFLICT (job_id, candidate_id) DO UPDATE SET
    judge_id = EXCLUDED.judge_id, instruction_compliance = EXCLUDED.instruction_compliance,
    seamlessness = EXCLUDED.seamlessness, preservation_balance = EXCLUDED.preservation_balance,
    technical_quality = EXCLUDED.technical_quality, reported_overall = EXCLUDED.reported_overall,
    rationale = EXCLUDED.rationale, raw = EXCLUDED.raw, error = EXCLUDED.error, input_tokens = EXCLUDED.input_tokens,
    output_tokens = EXCLUDED.output_tokens, cost_usd = EXCLUDED.cost_usd, created_at = now()
  RETURNING id
), counted AS (SELECT count(*)::int AS n FROM item)
UPDATE judge_jobs SET
  done = done + CASE WHEN $15::text = 'done' THEN (SELECT n FROM counted) ELSE 0 END,
  failed = failed + CASE WHEN $15::text = 'error' THEN (SELECT n FROM counted) ELSE 0 END,
  input_tokens = input_tokens + (SELECT n FROM counted) * COALESCE($11::int, 0),
  output_tokens = output_tokens + (SELECT n FROM counted) * COALESCE($12::int, 0),
  cost_usd = cost_usd + (SELECT n FROM counted) * COALESCE($13::float8, 0),
  standard_cost_usd = standard_cost_usd + (SELECT n FROM counted) * COALESCE($17::float8, 0)
WHERE id = $14::int
RETURNING (SELECT n FROM counted) AS stored`;

/** Stores one final result of a batch item at the batch price; false if it was already stored. */
export async function storeBatchResult(run: BatchRun, batchId: number, candidateId: number, result: JudgeCallResult): Promise<boolean> {
  const usage = result.usage;
  const model = run.job.model ?? run.client.model;
  const cost = usage ? costUsd(model, usage, batchPriceFor(model, usage)) : null;
  const standard = usage ? costUsd(model, usage, priceFor(model, usage)) : null;
  const [row] = await run.handle.query<{ stored: number }>(STORE_BATCH_SQL, [
    ...judgementParams(candidateId, run.job, result, cost),
    batchId,
    standard,
  ]);
  return Number(row?.stored ?? 0) > 0;
}
