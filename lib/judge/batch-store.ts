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
import { batchesOfJob, refreshBatchStatus, releaseBatchItems, storeBatchItemResult } from "../db/queries/judge-batches";
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

export async function batchesIn(run: BatchRun, states: string[]): Promise<JudgeBatch[]> {
  return batchesOfJob(run.handle, run.job.id, states);
}

export { refreshBatchStatus };

/** Puts a batch's unanswered items back to pending (they were never charged). */
export async function releaseItems(run: BatchRun, batchId: number, candidateIds?: number[]) {
  await releaseBatchItems(run.handle, run.job.id, batchId, candidateIds);
}

/** Stores one final result of a batch item at the batch price; false if it was already stored. */
export async function storeBatchResult(run: BatchRun, batchId: number, candidateId: number, result: JudgeCallResult): Promise<boolean> {
  const usage = result.usage;
  const model = run.job.model ?? run.client.model;
  const cost = usage ? costUsd(model, usage, batchPriceFor(model, usage)) : null;
  const standard = usage ? costUsd(model, usage, priceFor(model, usage)) : null;
  return storeBatchItemResult(run.handle, judgementParams(candidateId, run.job, result, cost), batchId, standard);
}
