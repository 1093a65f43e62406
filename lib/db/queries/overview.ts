import "server-only";
import type { DbHandle } from "../client";
import type { DatasetSummary } from "../../datasets/types";
export type { DatasetSummary };

/** One row per dataset with its counts (aggregates over the candidates table). */
export async function listDatasetSummaries(db: DbHandle): Promise<DatasetSummary[]> {
  const rows = await db.query<Record<string, string | number | boolean | null>>(`
    SELECT d.id, d.name, d.base, d.is_demo, d.threshold,
      (SELECT count(*) FROM requests r WHERE r.dataset_id = d.id) AS requests,
      c.candidates, c.edit_types, c.judged, c.reviewed, c.judge_pass, c.effective_pass, c.disagreements,
      (SELECT count(*) FROM sessions s WHERE s.dataset_id = d.id) AS sessions,
      (SELECT count(*) FROM pairs p WHERE p.dataset_id = d.id) AS pairs,
      (SELECT count(*) FROM pairs p WHERE p.dataset_id = d.id AND NOT EXISTS (
         SELECT 1 FROM pair_labels l WHERE l.pair_id = p.id AND l.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM pair_labels u WHERE u.undo_of = l.id))) AS unlabelled_pairs
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
    ORDER BY d.is_demo DESC, d.name`);
  return rows.map((row) => ({
    id: Number(row.id),
    name: String(row.name),
    base: row.base === null ? null : String(row.base),
    isDemo: Boolean(row.is_demo),
    threshold: Number(row.threshold),
    requests: Number(row.requests),
    candidates: Number(row.candidates ?? 0),
    editTypes: Number(row.edit_types ?? 0),
    judged: Number(row.judged ?? 0),
    reviewed: Number(row.reviewed ?? 0),
    judgePass: Number(row.judge_pass ?? 0),
    effectivePass: Number(row.effective_pass ?? 0),
    disagreements: Number(row.disagreements ?? 0),
    sessions: Number(row.sessions),
    pairs: Number(row.pairs),
    unlabelledPairs: Number(row.unlabelled_pairs),
  }));
}
