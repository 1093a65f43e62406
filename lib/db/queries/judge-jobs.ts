import "server-only";
// Reads for the judge page: what can be judged (edit types, unjudged counts), the candidates a
// browse filter selects, and a job's failed items with the judge's raw answer.
import type { BrowseFilters } from "../../browse/filters";
import { z } from "zod";
import type { DbHandle, SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";
import { buildWhere } from "./browse-sql";
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

function selectionSql(datasetId: number, filters: BrowseFilters) {
  const { where, params, needsRequest } = buildWhere(datasetId, filters);
  const from = needsRequest ? "candidates c JOIN requests r ON r.id = c.request_id" : "candidates c";
  return { sql: `FROM ${from} WHERE ${where.join(" AND ")}`, params };
}

/** How many candidates the browse filter matches (shown before a run starts). */
export async function countBrowseSelection(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<number> {
  const { sql, params } = selectionSql(datasetId, filters);
  const row = await queryOne(db, z.object({ count: col.int }), `SELECT count(*) AS count ${sql}`, params);
  return row.count;
}

/** The candidate ids a browse filter selects, for a job over "what I was looking at". */
export async function browseSelectionIds(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<number[]> {
  const { sql, params } = selectionSql(datasetId, filters);
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
