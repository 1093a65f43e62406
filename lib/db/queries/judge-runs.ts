import "server-only";
// The statements of a judge run (lib/judge/runner.ts). Money rules, kept by the database:
// - an item is claimed (pending → running) with the run's token, and only a run holding that
//   token can store its result: a runner that lost its lease to another instance stores nothing;
// - the judgement, the item's final status and the job's counters are ONE statement, and the
//   judgement insert relies on the unique (job_id, candidate_id) index with DO NOTHING, with the
//   counters summed from the rows actually inserted: a candidate is judged and charged at most
//   once per job, whatever instances race;
// - a leased run's job-level writes check that its lease token still holds the background job.
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";

type Runner = Pick<SqlRunner, "query">;
const candidateIdRow = z.object({ candidate_id: col.int });

/** The lease check appended to job-level writes: true for a run without a lease (the CLI). */
const LEASE_HELD = `($LEASE::text IS NULL OR EXISTS (
  SELECT 1 FROM background_jobs b WHERE b.lease_token = $LEASE::text AND b.status = 'running' AND b.kind = 'judge'))`;
const leaseHeld = (param: number) => LEASE_HELD.replaceAll("$LEASE", `$${param}`);

export async function judgeJobStatus(db: Runner, jobId: number): Promise<string | undefined> {
  const [row] = await queryRows(db, z.object({ status: col.text }), "SELECT status FROM judge_jobs WHERE id = $1", [jobId]);
  return row?.status;
}

export async function markJudgeJobCancelled(db: Runner, jobId: number): Promise<void> {
  await db.query("UPDATE judge_jobs SET status = 'cancelled' WHERE id = $1 AND status IN ('queued', 'running')", [jobId]);
}

/** retryErrors: failed items go back to pending and their error rows (never charged again) go. */
export async function requeueFailedItems(db: Runner, jobId: number): Promise<void> {
  await db.query(
    `WITH reset AS (
       UPDATE judge_job_items SET status = 'pending', claimed_by = NULL WHERE job_id = $1 AND status = 'error' RETURNING candidate_id
     ), removed AS (
       DELETE FROM judgements j USING reset WHERE j.job_id = $1 AND j.candidate_id = reset.candidate_id
     )
     UPDATE judge_jobs SET failed = failed - (SELECT count(*) FROM reset) WHERE id = $1`,
    [jobId],
  );
}

export async function markJudgeJobQueued(db: Runner, jobId: number): Promise<void> {
  await db.query("UPDATE judge_jobs SET status = 'queued', finished_at = NULL WHERE id = $1 AND status <> 'queued'", [jobId]);
}

/**
 * A run starts: items a dead (or fenced-off) runner left "running" go back to pending, and the
 * job reads "running". Returns the candidates put back.
 */
export async function startJudgeRun(db: Runner, jobId: number, leaseToken: string | null): Promise<number[]> {
  const stale = await queryRows(
    db,
    candidateIdRow,
    `UPDATE judge_job_items SET status = 'pending', claimed_by = NULL
     WHERE job_id = $1 AND status = 'running' AND ${leaseHeld(2)} RETURNING candidate_id`,
    [jobId, leaseToken],
  );
  await db.query(
    `UPDATE judge_jobs SET status = 'running', error = NULL, finished_at = NULL
     WHERE id = $1 AND status IN ('queued', 'running', 'failed') AND ${leaseHeld(2)}`,
    [jobId, leaseToken],
  );
  return stale.map((row) => row.candidate_id);
}

/** The end of a run: done when nothing is left, else cancelled or (handed over) queued. */
export async function finishJudgeRun(
  db: Runner,
  jobId: number,
  outcome: { isCancelled: boolean; isHandover: boolean; leaseToken: string | null },
): Promise<void> {
  await db.query(
    `UPDATE judge_jobs SET status = CASE
       WHEN NOT EXISTS (SELECT 1 FROM judge_job_items WHERE job_id = $1 AND status IN ('pending', 'running', 'batched')) THEN 'done'
       WHEN status = 'cancelled' OR $2::boolean THEN 'cancelled'
       ELSE 'queued' END,
     finished_at = CASE WHEN $3::boolean THEN NULL ELSE now() END
     WHERE id = $1 AND ${leaseHeld(4)}`,
    [jobId, outcome.isCancelled && !outcome.isHandover, outcome.isHandover, outcome.leaseToken],
  );
}

export async function failJudgeRun(db: Runner, jobId: number, message: string, leaseToken: string | null): Promise<void> {
  await db.query(`UPDATE judge_jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND ${leaseHeld(3)}`, [
    jobId,
    message,
    leaseToken,
  ]);
}

/** Candidates this job judged well (to re-derive their verdicts after a hard kill). */
export async function judgedCandidatesOfJob(db: Runner, jobId: number): Promise<number[]> {
  const rows = await queryRows(db, candidateIdRow, "SELECT candidate_id FROM judgements WHERE job_id = $1 AND error IS NULL", [jobId]);
  return rows.map((row) => row.candidate_id);
}

/** The next pending items after `afterId`, in id order. */
export async function pendingItems(db: Runner, jobId: number, afterId: number, limit = 200): Promise<number[]> {
  const rows = await queryRows(
    db,
    candidateIdRow,
    "SELECT candidate_id FROM judge_job_items WHERE job_id = $1 AND status = 'pending' AND candidate_id > $2 ORDER BY candidate_id LIMIT $3",
    [jobId, afterId, limit],
  );
  return rows.map((row) => row.candidate_id);
}

/**
 * pending → running under this run's token; false when another run got it first or (leased runs)
 * the lease is gone, so a runner that stalled past its lease claims nothing more.
 */
export async function claimItem(
  db: Runner,
  jobId: number,
  candidateId: number,
  runToken: string,
  leaseToken: string | null,
): Promise<boolean> {
  const rows = await queryRows(
    db,
    candidateIdRow,
    `UPDATE judge_job_items SET status = 'running', attempts = attempts + 1, claimed_by = $3
     WHERE job_id = $1 AND candidate_id = $2 AND status = 'pending' AND ${leaseHeld(4)} RETURNING candidate_id`,
    [jobId, candidateId, runToken, leaseToken],
  );
  return rows.length > 0;
}

/** A call stopped before an answer: the item is to do again (nothing was stored or charged). */
export async function unclaimItem(db: Runner, jobId: number, candidateId: number, runToken: string): Promise<void> {
  await db.query(
    "UPDATE judge_job_items SET status = 'pending', claimed_by = NULL WHERE job_id = $1 AND candidate_id = $2 AND status = 'running' AND claimed_by = $3",
    [jobId, candidateId, runToken],
  );
}

const STORE_SQL = `
WITH item AS (
  UPDATE judge_job_items SET status = $15::text
  WHERE job_id = $14::int AND candidate_id = $1 AND status = 'running' AND claimed_by = $16::text
  RETURNING candidate_id
), stored AS (
  INSERT INTO judgements (candidate_id, judge_id, instruction_compliance, seamlessness, preservation_balance,
    technical_quality, reported_overall, rationale, raw, error, input_tokens, output_tokens, cost_usd, job_id)
  SELECT $1, $2, $3::float8, $4::float8, $5::float8, $6::float8, $7::float8, $8, $9, $10, $11::int, $12::int, $13::float8, $14::int FROM item
  ON CONFLICT (job_id, candidate_id) DO NOTHING
  RETURNING input_tokens, output_tokens, cost_usd
)
UPDATE judge_jobs SET
  done = done + CASE WHEN $15::text = 'done' THEN (SELECT count(*) FROM stored) ELSE 0 END,
  failed = failed + CASE WHEN $15::text = 'error' THEN (SELECT count(*) FROM stored) ELSE 0 END,
  input_tokens = input_tokens + (SELECT COALESCE(sum(input_tokens), 0) FROM stored),
  output_tokens = output_tokens + (SELECT COALESCE(sum(output_tokens), 0) FROM stored),
  cost_usd = cost_usd + (SELECT COALESCE(sum(cost_usd), 0) FROM stored),
  standard_cost_usd = standard_cost_usd + (SELECT COALESCE(sum(cost_usd), 0) FROM stored)
WHERE id = $14::int
RETURNING (SELECT count(*) FROM stored)::int AS stored`;

/**
 * Stores one interactive result (params from judgementParams) if `runToken` still holds the item.
 * True when stored; false when the item was taken over (nothing written, nothing charged).
 */
export async function storeItemResult(db: Runner, params: unknown[], runToken: string): Promise<boolean> {
  const row = await queryOne(db, z.object({ stored: col.int }), STORE_SQL, [...params, runToken]);
  return row.stored > 0;
}

/** What a judge reads for one candidate: its image, its request's source and instructions. */
export async function judgeItemSource(db: Runner, candidateId: number) {
  const [row] = await queryRows(
    db,
    z.object({
      image_path: col.text,
      source_image: col.text,
      local_source_image: col.nullableText,
      text: col.text,
      summarized_text: col.text,
      edit_type: col.text,
    }),
    `SELECT c.image_path, r.source_image, r.local_source_image, r.text, r.summarized_text, r.edit_type
     FROM candidates c JOIN requests r ON r.id = c.request_id WHERE c.id = $1`,
    [candidateId],
  );
  return row ?? null;
}
