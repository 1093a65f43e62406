import "server-only";
// Reads for the judge page: what can be judged (edit types, unjudged counts), the candidates a
// browse filter selects, and a job's failed items with the judge's raw answer.
import type { BrowseFilters } from "../../browse/filters";
import type { DbHandle } from "../client";
import { buildWhere } from "./browse-sql";
import type { JudgeTypeOption, JobErrorRow } from "../../judge/types";
export type { JudgeTypeOption, JobErrorRow };

/** Edit types present in the dataset with how many candidates have no good judgement yet. */
export async function judgeTypeOptions(db: DbHandle, datasetId: number): Promise<JudgeTypeOption[]> {
  const rows = await db.query<Record<string, string | number>>(
    `SELECT edit_type, group_name, count(*) AS candidates, count(*) FILTER (WHERE judge_overall < 0) AS unjudged
     FROM candidates WHERE dataset_id = $1 GROUP BY edit_type, group_name ORDER BY group_name, edit_type`,
    [datasetId],
  );
  return rows.map((row) => ({
    editType: String(row.edit_type),
    group: String(row.group_name),
    candidates: Number(row.candidates),
    unjudged: Number(row.unjudged),
  }));
}

function selectionSql(datasetId: number, filters: BrowseFilters) {
  const { where, params, needsRequest } = buildWhere(datasetId, filters);
  const from = needsRequest ? "candidates c JOIN requests r ON r.id = c.request_id" : "candidates c";
  return { sql: `FROM ${from} WHERE ${where.join(" AND ")}`, params };
}

/** How many candidates the browse filter matches (shown before a run starts). */
export async function countBrowseSelection(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<number> {
  const { sql, params } = selectionSql(datasetId, filters);
  const [row] = await db.query<{ count: string | number }>(`SELECT count(*) AS count ${sql}`, params);
  return Number(row.count);
}

/** The candidate ids a browse filter selects, for a job over "what I was looking at". */
export async function browseSelectionIds(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<number[]> {
  const { sql, params } = selectionSql(datasetId, filters);
  const rows = await db.query<{ id: string | number }>(`SELECT c.id ${sql} ORDER BY c.id`, params);
  return rows.map((row) => Number(row.id));
}

/** The newest failed items of a job with the raw answer (capped: a long raw reply stays readable). */
export async function listJobErrors(db: DbHandle, jobId: number, limit = 20): Promise<{ rows: JobErrorRow[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    db.query<Record<string, unknown>>(
      "SELECT candidate_id, error, left(raw, 4000) AS raw, created_at FROM judgements WHERE job_id = $1 AND error IS NOT NULL ORDER BY id DESC LIMIT $2",
      [jobId, limit],
    ),
    db.query<{ count: string | number }>("SELECT count(*) AS count FROM judgements WHERE job_id = $1 AND error IS NOT NULL", [jobId]),
  ]);
  return {
    total: Number(count.count),
    rows: rows.map((row) => ({
      candidateId: Number(row.candidate_id),
      error: String(row.error),
      raw: row.raw === null ? null : String(row.raw),
      createdAt: new Date(row.created_at as string).toISOString(),
    })),
  };
}
