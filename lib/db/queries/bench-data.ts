import "server-only";
// Synthetic verdicts for the browse and growth benchmarks: judge scores like a judge would give
// (most pass), human reviews on one item in twenty (most agreeing), the derived columns after.
import type { DbHandle } from "../client";
import { execute } from "../rows";
import { disagreementSql, effectiveVerdictSql, judgeVerdictSql } from "../../verdict/sql";

/** Scores like a judge would give (most pass), some human reviews, a few overrides. */
export async function synthesiseVerdicts(db: DbHandle, datasetId: number) {
  await execute(
    db,
    `UPDATE candidates SET judge_overall = LEAST(1, GREATEST(0, 0.78 + (random() + random() + random() - 1.5) * 0.35)) WHERE dataset_id = $1`,
    [datasetId],
  );
  await execute(
    db,
    `UPDATE candidates SET judge_verdict = ${judgeVerdictSql({ overall: "judge_overall", threshold: "0.7" })} WHERE dataset_id = $1`,
    [datasetId],
  );
  await execute(
    db,
    `UPDATE candidates SET human_verdict = CASE WHEN random() < 0.8 THEN judge_verdict ELSE (CASE WHEN judge_verdict = 'pass' THEN 'fail' ELSE 'pass' END) END, review_count = 1 WHERE dataset_id = $1 AND id % 20 = 0`,
    [datasetId],
  );
  await execute(
    db,
    `UPDATE candidates SET effective_verdict = ${effectiveVerdictSql({ human: "human_verdict", judge: "judge_verdict", prior: "prior" })},
       is_disagreement = ${disagreementSql({ human: "human_verdict", judge: "judge_verdict" })} WHERE dataset_id = $1`,
    [datasetId],
  );
  await execute(db, "VACUUM ANALYZE candidates");
}
