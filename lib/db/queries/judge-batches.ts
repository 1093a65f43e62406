import "server-only";
// The statements of batch-mode judge runs (lib/judge/batch-*.ts): claiming items into a batch
// row (one statement, so no item is ever in two batches), the batch's recorded steps, and the
// one conditional statement that stores a result only while its item still waits in that batch
// (collecting a results file twice charges nothing twice).
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";
import type { JudgeBatch } from "../schema";

type Runner = Pick<SqlRunner, "query">;

const batchRow = z
  .object({
    id: col.int,
    job_id: col.int,
    name: col.nullableText,
    input_file: col.nullableText,
    result_file: col.nullableText,
    state: col.text,
    remote_state: col.nullableText,
    item_count: col.int,
    error: col.nullableText,
    created_at: col.date,
    submitted_at: z.coerce.date().nullable(),
    finished_at: z.coerce.date().nullable(),
  })
  .transform((row): JudgeBatch => ({
    id: row.id,
    jobId: row.job_id,
    name: row.name,
    inputFile: row.input_file,
    resultFile: row.result_file,
    state: row.state,
    remoteState: row.remote_state,
    itemCount: row.item_count,
    error: row.error,
    createdAt: row.created_at,
    submittedAt: row.submitted_at,
    finishedAt: row.finished_at,
  }));

export async function batchesOfJob(db: Runner, jobId: number, states: string[]): Promise<JudgeBatch[]> {
  return queryRows(db, batchRow, "SELECT * FROM judge_batches WHERE job_id = $1 AND state = ANY($2::text[]) ORDER BY id", [jobId, states]);
}

const countRow = z.object({ n: col.int });

/** Items never sent in a batch yet. */
export async function countFreshPending(db: Runner, jobId: number): Promise<number> {
  const row = await queryOne(
    db,
    countRow,
    "SELECT count(*)::int AS n FROM judge_job_items WHERE job_id = $1 AND status = 'pending' AND attempts = 0",
    [jobId],
  );
  return row.n;
}

export async function countPending(db: Runner, jobId: number): Promise<number> {
  const row = await queryOne(db, countRow, "SELECT count(*)::int AS n FROM judge_job_items WHERE job_id = $1 AND status = 'pending'", [
    jobId,
  ]);
  return row.n;
}

/** Pending retries that may go in another batch (fewer than maxBatchAttempts so far). */
export async function countBatchableRetries(db: Runner, jobId: number, maxBatchAttempts: number): Promise<number> {
  const row = await queryOne(
    db,
    countRow,
    "SELECT count(*)::int AS n FROM judge_job_items WHERE job_id = $1 AND status = 'pending' AND attempts BETWEEN 1 AND $2::int - 1",
    [jobId, maxBatchAttempts],
  );
  return row.n;
}

/** Items still waiting in a batch. */
export async function countBatchedItems(db: Runner, jobId: number, batchId: number): Promise<number> {
  const row = await queryOne(
    db,
    countRow,
    "SELECT count(*)::int AS n FROM judge_job_items WHERE job_id = $1 AND batch_id = $2 AND status = 'batched'",
    [jobId, batchId],
  );
  return row.n;
}

export async function batchItemIds(db: Runner, jobId: number, batchId: number): Promise<number[]> {
  const rows = await queryRows(
    db,
    z.object({ candidate_id: col.int }),
    "SELECT candidate_id FROM judge_job_items WHERE job_id = $1 AND batch_id = $2 AND status = 'batched' ORDER BY candidate_id",
    [jobId, batchId],
  );
  return rows.map((row) => row.candidate_id);
}

/**
 * Claims up to maxItems pending items into a new batch row ("building"): fresh ones, or retries
 * that have been in fewer than maxBatchAttempts batches. The new batch's id, or null when nothing is pending.
 */
export async function claimBatchItems(
  db: Runner,
  input: { jobId: number; kind: "fresh" | "retry"; maxItems: number; maxBatchAttempts: number },
): Promise<number | null> {
  const [row] = await queryRows(
    db,
    z.object({ id: col.int }),
    `WITH picked AS (
       SELECT candidate_id FROM judge_job_items
       WHERE job_id = $1 AND status = 'pending' AND (CASE WHEN $3::boolean THEN attempts = 0 ELSE attempts BETWEEN 1 AND $4::int - 1 END)
       ORDER BY candidate_id LIMIT $2
     ), batch AS (
       INSERT INTO judge_batches (job_id, state, item_count) SELECT $1, 'building', count(*) FROM picked HAVING count(*) > 0 RETURNING id
     ), claimed AS (
       UPDATE judge_job_items i SET status = 'batched', batch_id = batch.id, attempts = i.attempts + 1
       FROM batch, picked WHERE i.job_id = $1 AND i.candidate_id = picked.candidate_id
     )
     SELECT id FROM batch`,
    [input.jobId, input.maxItems, input.kind === "fresh", input.maxBatchAttempts],
  );
  return row?.id ?? null;
}

/** Puts a batch's unanswered items back to pending (they were never charged). */
export async function releaseBatchItems(db: Runner, jobId: number, batchId: number, candidateIds?: number[]): Promise<void> {
  await db.query(
    `UPDATE judge_job_items SET status = 'pending', batch_id = NULL
     WHERE job_id = $1 AND batch_id = $2 AND status = 'batched' AND ($3::bigint[] IS NULL OR candidate_id = ANY($3::bigint[]))`,
    [jobId, batchId, candidateIds ?? null],
  );
}

/** Items past the batch file's byte cap: back to pending, and this was not an attempt. */
export async function returnUnsentItems(db: Runner, jobId: number, candidateIds: number[]): Promise<void> {
  await db.query(
    "UPDATE judge_job_items SET status = 'pending', batch_id = NULL, attempts = attempts - 1 WHERE job_id = $1 AND candidate_id = ANY($2::bigint[]) AND status = 'batched'",
    [jobId, candidateIds],
  );
}

/** A batch that was never sent (or that we cancelled) does not count as an attempt for its items. */
export async function uncountBatchAttempt(db: Runner, jobId: number, batchId: number): Promise<void> {
  await db.query("UPDATE judge_job_items SET attempts = attempts - 1 WHERE job_id = $1 AND batch_id = $2 AND status = 'batched'", [
    jobId,
    batchId,
  ]);
}

/** Records one step of a batch's life (columns by name; only the given ones change). */
export async function updateBatch(
  db: Runner,
  batchId: number,
  fields: Partial<{
    state: string;
    name: string;
    remoteState: string;
    inputFile: string;
    resultFile: string | null;
    itemCount: number;
    error: string | null;
    isSubmitted: boolean;
    isFinished: boolean;
  }>,
): Promise<void> {
  const columns: Record<string, string> = {
    state: "state",
    name: "name",
    remoteState: "remote_state",
    inputFile: "input_file",
    resultFile: "result_file",
    itemCount: "item_count",
    error: "error",
  };
  const params: unknown[] = [batchId];
  const sets = Object.entries(fields).flatMap(([key, value]) => {
    if (key === "isSubmitted") return value ? ["submitted_at = now()"] : [];
    if (key === "isFinished") return value ? ["finished_at = now()"] : [];
    params.push(value);
    return [`${columns[key]} = $${params.length}`];
  });
  if (sets.length) await db.query(`UPDATE judge_batches SET ${sets.join(", ")} WHERE id = $1`, params);
}

export async function deleteBatch(db: Runner, batchId: number): Promise<void> {
  await db.query("DELETE FROM judge_batches WHERE id = $1", [batchId]);
}

/** Recomputes the job's batch summary for the judge page; `phase` overrides the derived one. */
export async function refreshBatchStatus(db: Runner, jobId: number, phase?: string): Promise<void> {
  await db.query(
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

const STORE_BATCH_SQL = `
WITH item AS (
  UPDATE judge_job_items SET status = $15::text
  WHERE job_id = $14::int AND candidate_id = $1 AND batch_id = $16::int AND status = 'batched'
  RETURNING candidate_id
), stored AS (
  INSERT INTO judgements (candidate_id, judge_id, instruction_compliance, seamlessness, preservation_balance,
    technical_quality, reported_overall, rationale, raw, error, input_tokens, output_tokens, cost_usd, job_id)
  SELECT $1, $2, $3::float8, $4::float8, $5::float8, $6::float8, $7::float8, $8, $9, $10, $11::int, $12::int, $13::float8, $14::int FROM item
  ON CONFLICT (job_id, candidate_id) DO NOTHING
  RETURNING id
), counted AS (SELECT count(*)::int AS n FROM stored)
UPDATE judge_jobs SET
  done = done + CASE WHEN $15::text = 'done' THEN (SELECT n FROM counted) ELSE 0 END,
  failed = failed + CASE WHEN $15::text = 'error' THEN (SELECT n FROM counted) ELSE 0 END,
  input_tokens = input_tokens + (SELECT n FROM counted) * COALESCE($11::int, 0),
  output_tokens = output_tokens + (SELECT n FROM counted) * COALESCE($12::int, 0),
  cost_usd = cost_usd + (SELECT n FROM counted) * COALESCE($13::float8, 0),
  standard_cost_usd = standard_cost_usd + (SELECT n FROM counted) * COALESCE($17::float8, 0)
WHERE id = $14::int
RETURNING (SELECT n FROM counted) AS stored`;

/** Stores one final batch result (params from judgementParams); false if it was already stored. */
export async function storeBatchItemResult(db: Runner, params: unknown[], batchId: number, standardCost: number | null): Promise<boolean> {
  const [row] = await queryRows(db, z.object({ stored: col.int }), STORE_BATCH_SQL, [...params, batchId, standardCost]);
  return (row?.stored ?? 0) > 0;
}
