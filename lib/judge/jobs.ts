// Creating and listing judge jobs. A job's items are picked in the same statement that creates
// it, skipping candidates that already have a good judgement from this judge id (never paid
// twice) or wait in another unfinished job of it. Running them is lib/judge/runner.ts.
import { desc, eq } from "drizzle-orm";
import type { DbHandle } from "../db/client";
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

/** The candidates a job selects, as SQL over `candidates c` with its parameters. */
function selection(input: CreateJobInput, judgeId: string) {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const editTypes = input.filter?.editTypes?.map(normalizeEditType) ?? [];
  const onlyUnjudged = input.filter?.onlyUnjudged ?? false;
  const judge = param(judgeId);
  const where = [
    `c.dataset_id = ${param(input.datasetId)}::int`,
    input.candidateIds ? `c.id = ANY(${param([...input.candidateIds])}::bigint[])` : null,
    editTypes.length ? `c.edit_type = ANY(${param(editTypes)}::text[])` : null,
    onlyUnjudged ? "NOT EXISTS (SELECT 1 FROM judgements a WHERE a.candidate_id = c.id AND a.error IS NULL)" : null,
  ]
    .filter(Boolean)
    .join(" AND ");
  const judged = `EXISTS (SELECT 1 FROM judgements j WHERE j.candidate_id = c.id AND j.judge_id = ${judge} AND j.error IS NULL)`;
  const queued = `EXISTS (SELECT 1 FROM judge_job_items i JOIN judge_jobs q ON q.id = i.job_id
    WHERE i.candidate_id = c.id AND q.judge_id = ${judge} AND i.status IN ('pending', 'running', 'batched'))`;
  const filter = {
    ...(input.candidateIds ? { candidateIds: input.candidateIds.length } : {}),
    ...(editTypes.length ? { editTypes } : {}),
    ...(onlyUnjudged ? { onlyUnjudged } : {}),
  };
  return { params, param, where, judged, queued, filter };
}

/** Inserts the job and its items in one statement, so a kill cannot leave half a job. */
export async function createJob(handle: DbHandle, input: CreateJobInput): Promise<CreatedJob> {
  const judgeId = judgeIdFor(input.provider, input.model);
  if (input.provider !== "gemini" && (input.mode === "batch" || input.batchAbove !== undefined)) {
    throw new Error(`Batch runs are for the Gemini judge; the ${input.provider} judge runs locally and costs nothing.`);
  }
  const limit = input.limit ?? input.filter?.limit;
  const counted = selection(input, judgeId);
  const [counts] = await handle.query<{ matched: number; judged: number; queued: number }>(
    `SELECT count(*)::int AS matched, count(*) FILTER (WHERE ${counted.judged})::int AS judged,
            count(*) FILTER (WHERE NOT ${counted.judged} AND ${counted.queued})::int AS queued
     FROM candidates c WHERE ${counted.where}`,
    counted.params,
  );
  const { params, param, where, judged, queued, filter } = selection(input, judgeId);
  const model = input.provider === "gemini" ? judgeId.split("/")[1] : null;
  const [row] = await handle.query<{ id: number }>(
    `WITH picked AS (
       SELECT c.id FROM candidates c
       WHERE ${where} AND NOT ${judged} AND NOT ${queued}
       ORDER BY c.id ${limit !== undefined ? `LIMIT ${param(limit)}::int` : ""}
     ), job AS (
       INSERT INTO judge_jobs (dataset_id, provider, model, judge_id, filter, status, total, finished_at, mode)
       SELECT ${param(input.datasetId)}::int, ${param(input.provider)}::text, ${param(model)}::text, ${param(judgeId)}::text,
              ${param(JSON.stringify({ ...filter, ...(limit !== undefined ? { limit } : {}) }))}::jsonb,
              -- nothing to do: born done, so it never shows as waiting
              CASE WHEN count(*) = 0 THEN 'done' ELSE 'queued' END, count(*), CASE WHEN count(*) = 0 THEN now() END,
              CASE WHEN ${param(input.mode === "batch")}::boolean OR count(*) > ${param(input.batchAbove ?? null)}::int THEN 'batch' ELSE 'interactive' END
       FROM picked
       RETURNING id
     ), items AS (
       INSERT INTO judge_job_items (job_id, candidate_id) SELECT job.id, picked.id FROM job CROSS JOIN picked
     )
     SELECT id FROM job`,
    params,
  );
  const job = (await getJob(handle, Number(row.id)))!;
  return { job, matched: Number(counts.matched), skippedJudged: Number(counts.judged), skippedQueued: Number(counts.queued) };
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
