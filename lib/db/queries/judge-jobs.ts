import "server-only";
// Reads for the judge page: what can be judged (edit types, unjudged counts), the candidates a
// browse filter selects, a job's failed items with the judge's raw answer, and creating a job
// with its items (lib/judge/jobs.ts).
import { z } from "zod";
import type { BrowseFilters } from "../../browse/filters";
import type { DbHandle, SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";
import { whereFor } from "./browse-sql";
import type { JudgeTypeOption, JobErrorRow } from "../../judge/types";
export type { JudgeTypeOption, JobErrorRow };

/** Edit types present in the dataset with how many candidates have no good judgement yet. */
export async function judgeTypeOptions(db: DbHandle, datasetId: number): Promise<JudgeTypeOption[]> {
  return queryRows(
    db,
    z.object({ editType: col.text, group: col.text, candidates: col.int, unjudged: col.int }),
    `SELECT edit_type AS "editType", group_name AS "group", count(*) AS candidates, count(*) FILTER (WHERE judge_overall < 0) AS unjudged
     FROM candidates WHERE dataset_id = $1 GROUP BY edit_type, group_name ORDER BY group_name, edit_type`,
    [datasetId],
  );
}

async function selectionSql(db: DbHandle, datasetId: number, filters: BrowseFilters) {
  const { where, params, needsRequest } = await whereFor(db, datasetId, filters);
  const from = needsRequest ? "candidates c JOIN requests r ON r.id = c.request_id" : "candidates c";
  return { sql: `FROM ${from} WHERE ${where.join(" AND ")}`, params };
}

/** How many candidates the browse filter matches (shown before a run starts). */
export async function countBrowseSelection(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<number> {
  const { sql, params } = await selectionSql(db, datasetId, filters);
  const row = await queryOne(db, z.object({ count: col.int }), `SELECT count(*) AS count ${sql}`, params);
  return row.count;
}

/** The candidate ids a browse filter selects, for a job over "what I was looking at". */
export async function browseSelectionIds(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<number[]> {
  const { sql, params } = await selectionSql(db, datasetId, filters);
  const rows = await queryRows(db, z.object({ id: col.int }), `SELECT c.id ${sql} ORDER BY c.id`, params);
  return rows.map((row) => row.id);
}

/** The newest failed items of a job with the raw answer (capped: a long raw reply stays readable). */
export async function listJobErrors(db: DbHandle, jobId: number, limit = 20): Promise<{ rows: JobErrorRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    queryRows(
      db,
      jobErrorRow,
      "SELECT candidate_id, error, left(raw, 4000) AS raw, created_at FROM judgements WHERE job_id = $1 AND error IS NOT NULL ORDER BY id DESC LIMIT $2",
      [jobId, limit],
    ),
    queryOne(db, z.object({ count: col.int }), "SELECT count(*) AS count FROM judgements WHERE job_id = $1 AND error IS NOT NULL", [jobId]),
  ]);
  return { total: count.count, rows: rows.map(toJobError) };
}

const jobErrorRow = z.object({ candidate_id: col.int, error: col.text, raw: col.nullableText, created_at: col.date });
const toJobError = (row: z.output<typeof jobErrorRow>): JobErrorRow => ({
  candidateId: row.candidate_id,
  error: row.error,
  raw: row.raw,
  createdAt: row.created_at.toISOString(),
});

/** A job's first failed items (the CLI prints these when a run ends with failures). */
export async function firstJobErrors(db: SqlRunner, jobId: number, limit: number): Promise<{ candidateId: number; error: string }[]> {
  return queryRows(
    db,
    z.object({ candidateId: col.int, error: col.text }),
    `SELECT candidate_id AS "candidateId", error FROM judgements WHERE job_id = $1 AND error IS NOT NULL ORDER BY id LIMIT $2`,
    [jobId, limit],
  );
}

/** What a new judge job selects (edit types already NFC-normalised). */
export type JobSelection = {
  datasetId: number;
  judgeId: string;
  candidateIds?: readonly number[];
  editTypes: string[];
  onlyUnjudged: boolean;
};

/** The selection as SQL over `candidates c`, with its parameters. */
function jobSelectionSql(selection: JobSelection) {
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  const judge = param(selection.judgeId);
  const where = [
    `c.dataset_id = ${param(selection.datasetId)}::int`,
    selection.candidateIds ? `c.id = ANY(${param([...selection.candidateIds])}::bigint[])` : null,
    selection.editTypes.length ? `c.edit_type = ANY(${param(selection.editTypes)}::text[])` : null,
    selection.onlyUnjudged ? "NOT EXISTS (SELECT 1 FROM judgements a WHERE a.candidate_id = c.id AND a.error IS NULL)" : null,
  ]
    .filter(Boolean)
    .join(" AND ");
  const judged = `EXISTS (SELECT 1 FROM judgements j WHERE j.candidate_id = c.id AND j.judge_id = ${judge} AND j.error IS NULL)`;
  const queued = `EXISTS (SELECT 1 FROM judge_job_items i JOIN judge_jobs q ON q.id = i.job_id
    WHERE i.candidate_id = c.id AND q.judge_id = ${judge} AND i.status IN ('pending', 'running', 'batched'))`;
  return { params, param, where, judged, queued };
}

/** How many candidates the selection matches, and how many of those it skips (judged, or queued in another job). */
export async function countJobSelection(db: Pick<SqlRunner, "query">, selection: JobSelection) {
  const { params, where, judged, queued } = jobSelectionSql(selection);
  return queryOne(
    db,
    z.object({ matched: col.int, judged: col.int, queued: col.int }),
    `SELECT count(*)::int AS matched, count(*) FILTER (WHERE ${judged})::int AS judged,
            count(*) FILTER (WHERE NOT ${judged} AND ${queued})::int AS queued
     FROM candidates c WHERE ${where}`,
    params,
  );
}

/**
 * Inserts the job and its items in one statement (a kill cannot leave half a job), skipping
 * candidates already judged well by this judge id (never paid twice) or waiting in another of its jobs.
 */
export async function insertJobWithItems(
  db: Pick<SqlRunner, "query">,
  selection: JobSelection,
  job: {
    provider: string;
    model: string | null;
    filter: Record<string, unknown>;
    limit?: number;
    isBatch: boolean;
    batchAbove: number | null;
  },
): Promise<number> {
  const { params, param, where, judged, queued } = jobSelectionSql(selection);
  const row = await queryOne(
    db,
    z.object({ id: col.int }),
    `WITH picked AS (
       SELECT c.id FROM candidates c
       WHERE ${where} AND NOT ${judged} AND NOT ${queued}
       ORDER BY c.id ${job.limit !== undefined ? `LIMIT ${param(job.limit)}::int` : ""}
     ), job AS (
       INSERT INTO judge_jobs (dataset_id, provider, model, judge_id, filter, status, total, finished_at, mode)
       SELECT ${param(selection.datasetId)}::int, ${param(job.provider)}::text, ${param(job.model)}::text, ${param(selection.judgeId)}::text,
              ${param(JSON.stringify(job.filter))}::jsonb,
              -- nothing to do: born done, so it never shows as waiting
              CASE WHEN count(*) = 0 THEN 'done' ELSE 'queued' END, count(*), CASE WHEN count(*) = 0 THEN now() END,
              CASE WHEN ${param(job.isBatch)}::boolean OR count(*) > ${param(job.batchAbove)}::int THEN 'batch' ELSE 'interactive' END
       FROM picked
       RETURNING id
     ), items AS (
       INSERT INTO judge_job_items (job_id, candidate_id) SELECT job.id, picked.id FROM job CROSS JOIN picked
     )
     SELECT id FROM job`,
    params,
  );
  return row.id;
}
