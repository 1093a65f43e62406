// Creating and listing judge jobs. A job's items are picked in the same statement that creates
// it, skipping candidates that already have a good judgement from this judge id (never paid
// twice) or wait in another unfinished job of it. Running them is lib/judge/runner.ts.
import { desc, eq } from "drizzle-orm";
import type { DbHandle } from "../db/client";
import { countJobSelection, insertJobWithItems, type JobSelection } from "../db/queries/judge-jobs";
import { judgeJobs, type JudgeJob } from "../db/schema";
import { normalizeEditType } from "../taxonomy";
import { judgeIdFor, type JudgeProvider } from "./judges";

export const JOB_STATUSES = ["queued", "running", "done", "cancelled", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
/** "batched": waiting in a Gemini batch (judge_job_items.batch_id). */
export const ITEM_STATUSES = ["pending", "running", "batched", "done", "error"] as const;
export const JOB_MODES = ["interactive", "batch"] as const;
export type JobMode = (typeof JOB_MODES)[number];

/** The simple selection the CLI offers; richer UI filters pass explicit candidate ids. */
export type JudgeFilter = { editTypes?: string[]; onlyUnjudged?: boolean; limit?: number };

export type CreateJobInput = {
  datasetId: number;
  provider: JudgeProvider;
  model?: string;
  candidateIds?: readonly number[];
  filter?: JudgeFilter;
  limit?: number;
  /** "batch": through the Gemini Batch API at the batch price (Gemini only). */
  mode?: JobMode;
  /** Batch when the job has more than this many items (the user's threshold); `mode: "batch"` forces it. */
  batchAbove?: number;
};

export type CreatedJob = {
  job: JudgeJob;
  /** Candidates the selection matched before skipping. */
  matched: number;
  /** Skipped: already have a judgement without error from this judge id. */
  skippedJudged: number;
  /** Skipped: waiting in another unfinished job of this judge id (resume that one). */
  skippedQueued: number;
};

/** Inserts the job and its items in one statement, so a kill cannot leave half a job. */
export async function createJob(handle: DbHandle, input: CreateJobInput): Promise<CreatedJob> {
  const judgeId = judgeIdFor(input.provider, input.model);
  if (input.provider !== "gemini" && (input.mode === "batch" || input.batchAbove !== undefined)) {
    throw new Error(`Batch runs are for the Gemini judge; the ${input.provider} judge runs locally and costs nothing.`);
  }
  const limit = input.limit ?? input.filter?.limit;
  const editTypes = input.filter?.editTypes?.map(normalizeEditType) ?? [];
  const selection: JobSelection = {
    datasetId: input.datasetId,
    judgeId,
    candidateIds: input.candidateIds,
    editTypes,
    onlyUnjudged: input.filter?.onlyUnjudged ?? false,
  };
  const counts = await countJobSelection(handle, selection);
  const filter = {
    ...(input.candidateIds ? { candidateIds: input.candidateIds.length } : {}),
    ...(editTypes.length ? { editTypes } : {}),
    ...(selection.onlyUnjudged ? { onlyUnjudged: true } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
  const jobId = await insertJobWithItems(handle, selection, {
    provider: input.provider,
    model: input.provider === "gemini" ? judgeId.split("/")[1] : null,
    filter,
    limit,
    isBatch: input.mode === "batch",
    batchAbove: input.batchAbove ?? null,
  });
  const job = (await getJob(handle, jobId))!;
  return { job, matched: counts.matched, skippedJudged: counts.judged, skippedQueued: counts.queued };
}

export async function getJob(handle: DbHandle, jobId: number): Promise<JudgeJob | null> {
  const [job] = await handle.db.select().from(judgeJobs).where(eq(judgeJobs.id, jobId));
  return job ?? null;
}

export async function listJobs(handle: DbHandle, options: { datasetId?: number; limit?: number } = {}): Promise<JudgeJob[]> {
  const query = handle.db.select().from(judgeJobs);
  const filtered = options.datasetId !== undefined ? query.where(eq(judgeJobs.datasetId, options.datasetId)) : query;
  return filtered.orderBy(desc(judgeJobs.id)).limit(options.limit ?? 50);
}
