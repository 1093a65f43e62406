import "server-only";
// Keeps each candidate's denormalised browse state (judge overall and verdict, human verdict,
// effective verdict, disagreement) in step with judgements, reviews and the dataset's rubric.
// The human verdict: each reviewer's latest decision that is not an undo and was not undone counts
// once; accept vs reject by majority (unsure abstains, a tie or only unsure is "unresolved"); an
// admin's latest adjudication, when there is one, overrides that majority (lib/verdict/rules.ts).
// One set-based UPDATE per batch, so re-deriving 400K verdicts after a threshold change is a
// handful of statements, not 400K round trips.
// The verdict rules and the weighted overall are printed from lib/verdict, the same data the
// TypeScript runs (lib/verdict/rule.test.ts checks the two agree).
import { z } from "zod";
import {
  adjudicatedHumanSql,
  disagreementSql,
  effectiveVerdictSql,
  humanVerdictSql,
  judgeVerdictSql,
  weightedOverallSql,
} from "../../verdict/sql";
import type { DbHandle, SqlRunner } from "../client";
import { col, queryRows } from "../rows";

/** The UPDATE that re-derives the state of candidates `$1` (exported for a caller that adds RETURNING). */
export const REFRESH_SQL = `
WITH target AS (
  SELECT c.id, c.prior, d.weight_compliance AS wc, d.weight_seamlessness AS ws,
         d.weight_preservation AS wp, d.weight_quality AS wq, d.threshold
  FROM candidates c JOIN datasets d ON d.id = c.dataset_id
  WHERE c.id = ANY($1::bigint[])
),
latest_judgement AS (
  SELECT DISTINCT ON (j.candidate_id) j.candidate_id, j.instruction_compliance AS ic, j.seamlessness AS se,
         j.preservation_balance AS pb, j.technical_quality AS tq, j.reported_overall AS ro
  FROM judgements j
  WHERE j.candidate_id = ANY($1::bigint[]) AND j.error IS NULL
  ORDER BY j.candidate_id, j.id DESC
),
overall AS (
  SELECT t.id, t.threshold,
    ${weightedOverallSql(
      { instruction_compliance: "lj.ic", seamlessness: "lj.se", preservation_balance: "lj.pb", technical_quality: "lj.tq" },
      { instruction_compliance: "t.wc", seamlessness: "t.ws", preservation_balance: "t.wp", technical_quality: "t.wq" },
      "lj.ro",
    )} AS value
  FROM target t LEFT JOIN latest_judgement lj ON lj.candidate_id = t.id
),
latest_review AS (
  SELECT DISTINCT ON (r.candidate_id, r.reviewer_id) r.candidate_id, r.verdict
  FROM reviews r
  WHERE r.candidate_id = ANY($1::bigint[]) AND r.undo_of IS NULL
    AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id)
  ORDER BY r.candidate_id, r.reviewer_id, r.id DESC
),
human AS (
  SELECT candidate_id,
         COUNT(*) AS reviewers,
         COUNT(*) FILTER (WHERE verdict = 'accept') AS accepts,
         COUNT(*) FILTER (WHERE verdict = 'reject') AS rejects
  FROM latest_review GROUP BY candidate_id
),
latest_adjudication AS (
  SELECT DISTINCT ON (a.candidate_id) a.candidate_id, a.verdict
  FROM adjudications a WHERE a.candidate_id = ANY($1::bigint[])
  ORDER BY a.candidate_id, a.id DESC
),
majority AS (
  SELECT t.id, ${humanVerdictSql({ reviewers: "COALESCE(h.reviewers, 0)", accepts: "h.accepts", rejects: "h.rejects" })} AS verdict,
         COALESCE(h.reviewers, 0) AS reviewers, COALESCE(la.verdict, 'none') AS adjudicated
  FROM target t LEFT JOIN human h ON h.candidate_id = t.id LEFT JOIN latest_adjudication la ON la.candidate_id = t.id
),
computed AS (
  SELECT t.id,
    COALESCE(o.value, -1) AS judge_overall,
    ${judgeVerdictSql({ overall: "o.value", threshold: "t.threshold" })} AS judge_verdict,
    ${adjudicatedHumanSql({ adjudicated: "m.adjudicated", majority: "m.verdict" })} AS human_verdict,
    m.reviewers AS review_count,
    t.prior
  FROM target t JOIN overall o ON o.id = t.id JOIN majority m ON m.id = t.id
)
UPDATE candidates c SET
  judge_overall = computed.judge_overall,
  judge_verdict = computed.judge_verdict,
  human_verdict = computed.human_verdict,
  review_count = computed.review_count,
  effective_verdict = ${effectiveVerdictSql({ human: "computed.human_verdict", judge: "computed.judge_verdict", prior: "computed.prior" })},
  is_disagreement = ${disagreementSql({ human: "computed.human_verdict", judge: "computed.judge_verdict" })}
FROM computed WHERE c.id = computed.id`;

const BATCH = 5000;

/** Recomputes the browse state of the given candidates (any number; batched). */
export async function refreshCandidates(handle: SqlRunner, candidateIds: readonly number[]): Promise<void> {
  for (let start = 0; start < candidateIds.length; start += BATCH) {
    await handle.query(REFRESH_SQL, [candidateIds.slice(start, start + BATCH)]);
  }
}

/** After a change of weights or threshold: re-derive every verdict of the dataset, in batches that yield. */
export async function refreshDataset(handle: DbHandle, datasetId: number): Promise<number> {
  let lastId = 0;
  let total = 0;
  for (;;) {
    const rows = await queryRows(
      handle,
      z.object({ id: col.int }),
      "SELECT id FROM candidates WHERE dataset_id = $1 AND id > $2 ORDER BY id LIMIT $3",
      [datasetId, lastId, BATCH],
    );
    if (rows.length === 0) return total;
    const ids = rows.map((row) => row.id);
    await refreshCandidates(handle, ids);
    total += ids.length;
    lastId = ids[ids.length - 1];
  }
}
