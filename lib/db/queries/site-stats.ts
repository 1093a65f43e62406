import "server-only";
// How many rows each main table holds: what a site admin checks after an import or a restore
// (and what the permission e2e test compares before and after refused requests).
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne } from "../rows";

export const COUNTED_TABLES = [
  "datasets",
  "candidates",
  "reviews",
  "pairs",
  "pair_labels",
  "audit_samples",
  "judge_jobs",
  "judgements",
  "import_runs",
  "reviewers",
  "auth_users",
  "dataset_members",
] as const;

const countsRow = z.object(Object.fromEntries(COUNTED_TABLES.map((table) => [table, col.int])));

export async function siteRowCounts(db: DbHandle): Promise<Record<(typeof COUNTED_TABLES)[number], number>> {
  // Table names come from the constant above, never from a request.
  const selects = COUNTED_TABLES.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(", ");
  return queryOne(db, countsRow, `SELECT ${selects}`) as Promise<Record<(typeof COUNTED_TABLES)[number], number>>;
}
