import "server-only";
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryRows } from "../rows";
import type { DatasetSummary } from "../../datasets/types";
export type { DatasetSummary };

/** A count from the LEFT JOIN LATERAL: NULL when the dataset has no candidates. */
const lateralCount = col.nullableInt.transform((count) => count ?? 0);
const datasetSummary = z.object({
  id: col.int,
  name: col.text,
  base: col.nullableText,
  isDemo: col.bool,
  threshold: col.number,
  requests: col.int,
  candidates: lateralCount,
  editTypes: lateralCount,
  judged: lateralCount,
  reviewed: lateralCount,
  judgePass: lateralCount,
  effectivePass: lateralCount,
  disagreements: lateralCount,
  sessions: col.int,
  pairs: col.int,
  unlabelledPairs: col.int,
}) satisfies z.ZodType<DatasetSummary>;

/** One row per dataset with its counts (aggregates over the candidates table). */
export async function listDatasetSummaries(db: DbHandle): Promise<DatasetSummary[]> {
  return queryRows(
    db,
    datasetSummary,
    `SELECT d.id, d.name, d.base, d.is_demo AS "isDemo", d.threshold,
      (SELECT count(*) FROM requests r WHERE r.dataset_id = d.id) AS requests,
      c.candidates, c.edit_types AS "editTypes", c.judged, c.reviewed, c.judge_pass AS "judgePass", c.effective_pass AS "effectivePass", c.disagreements,
      (SELECT count(*) FROM sessions s WHERE s.dataset_id = d.id) AS sessions,
      (SELECT count(*) FROM pairs p WHERE p.dataset_id = d.id) AS pairs,
      (SELECT count(*) FROM pairs p WHERE p.dataset_id = d.id AND NOT EXISTS (
         SELECT 1 FROM pair_labels l WHERE l.pair_id = p.id AND l.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM pair_labels u WHERE u.undo_of = l.id))) AS "unlabelledPairs"
    FROM datasets d
    LEFT JOIN LATERAL (
      SELECT count(*) AS candidates, count(DISTINCT edit_type) AS edit_types,
        count(*) FILTER (WHERE judge_verdict <> 'none') AS judged,
        count(*) FILTER (WHERE review_count > 0) AS reviewed,
        count(*) FILTER (WHERE judge_verdict = 'pass') AS judge_pass,
        count(*) FILTER (WHERE effective_verdict = 'pass') AS effective_pass,
        count(*) FILTER (WHERE is_disagreement) AS disagreements
      FROM candidates WHERE dataset_id = d.id
    ) c ON true
    ORDER BY d.is_demo DESC, d.name`,
  );
}
