import "server-only";
// Changing a dataset's threshold or weights from the audit: a preview of how many stored verdicts
// would flip (for the confirm dialog) and the change itself, which re-derives every verdict
// through refreshDataset. The preview repeats refreshCandidates' arithmetic term for term, so the
// count it shows is the count that flips.
import { eq } from "drizzle-orm";
import type { Weights } from "../../taxonomy";
import { disagreementSql, effectiveVerdictSql, judgeVerdictSql, weightedOverallSql } from "../../verdict/sql";
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne } from "../rows";
import { datasets, type Dataset } from "../schema";
import { refreshDataset } from "./candidate-state";

export type RubricChange = { threshold: number; weights: Weights };
export type RubricPreview = {
  judged: number;
  /** Stored judge verdicts that change. */
  judgeFlips: number;
  toPass: number;
  toFail: number;
  /** Of those, items without a human verdict: their effective (exported) verdict changes too. */
  effectiveFlips: number;
};

export function currentRubric(dataset: Dataset): RubricChange {
  return {
    threshold: dataset.threshold,
    weights: {
      instruction_compliance: dataset.weightCompliance,
      seamlessness: dataset.weightSeamlessness,
      preservation_balance: dataset.weightPreservation,
      technical_quality: dataset.weightQuality,
    },
  };
}

const sameWeights = (a: Weights, b: Weights) =>
  a.instruction_compliance === b.instruction_compliance &&
  a.seamlessness === b.seamlessness &&
  a.preservation_balance === b.preservation_balance &&
  a.technical_quality === b.technical_quality;

const COUNTS = `count(*) AS judged,
  count(*) FILTER (WHERE before <> after) AS "judgeFlips",
  count(*) FILTER (WHERE before = 'fail' AND after = 'pass') AS "toPass",
  count(*) FILTER (WHERE before = 'pass' AND after = 'fail') AS "toFail",
  count(*) FILTER (WHERE before <> after AND human_verdict = 'none') AS "effectiveFlips"`;
const rubricPreview = z.object({
  judged: col.int,
  judgeFlips: col.int,
  toPass: col.int,
  toFail: col.int,
  effectiveFlips: col.int,
}) satisfies z.ZodType<RubricPreview>;

// Same expression as REFRESH_SQL in candidate-state.ts (both from lib/verdict/sql.ts): weights
// renormalised over scored criteria.
const RESCORE_SQL = `
WITH lj AS (
  SELECT DISTINCT ON (j.candidate_id) j.candidate_id, j.instruction_compliance AS ic, j.seamlessness AS se,
         j.preservation_balance AS pb, j.technical_quality AS tq, j.reported_overall AS ro
  FROM judgements j JOIN candidates c ON c.id = j.candidate_id
  WHERE c.dataset_id = $1 AND j.error IS NULL
  ORDER BY j.candidate_id, j.id DESC
), scored AS (
  SELECT lj.candidate_id,
    ${weightedOverallSql(
      { instruction_compliance: "lj.ic", seamlessness: "lj.se", preservation_balance: "lj.pb", technical_quality: "lj.tq" },
      {
        instruction_compliance: "$2::float8",
        seamlessness: "$3::float8",
        preservation_balance: "$4::float8",
        technical_quality: "$5::float8",
      },
      "lj.ro",
    )} AS value
  FROM lj
), verdicts AS (
  SELECT c.judge_verdict AS before, c.human_verdict,
         ${judgeVerdictSql({ overall: "s.value", threshold: "$6::float8" })} AS after
  FROM candidates c JOIN scored s ON s.candidate_id = c.id WHERE c.dataset_id = $1
)
SELECT ${COUNTS} FROM verdicts`;

// A threshold-only change needs no judgement lookups: the stored overall already has the weights.
const THRESHOLD_SQL = `
SELECT ${COUNTS} FROM (
  SELECT judge_verdict AS before, human_verdict, ${judgeVerdictSql({ overall: "judge_overall", threshold: "$2::float8" })} AS after
  FROM candidates WHERE dataset_id = $1 AND judge_overall >= 0
) v`;

export async function previewRubric(db: DbHandle, dataset: Dataset, change: RubricChange): Promise<RubricPreview> {
  const w = change.weights;
  return sameWeights(w, currentRubric(dataset).weights)
    ? await queryOne(db, rubricPreview, THRESHOLD_SQL, [dataset.id, change.threshold])
    : await queryOne(db, rubricPreview, RESCORE_SQL, [
        dataset.id,
        w.instruction_compliance,
        w.seamlessness,
        w.preservation_balance,
        w.technical_quality,
        change.threshold,
      ]);
}

// A threshold-only change keeps every stored overall, so only the rows whose verdict flips need
// writing, with the rules of lib/verdict (effective = human, else judge, else prior;
// disagreement = human and judge both decided and differ). At 400K this is one statement over the
// flipped rows instead of refreshDataset's full recomputation (~1 min on a 2-core machine).
const THRESHOLD_APPLY_SQL = `
UPDATE candidates c SET judge_verdict = v.judge,
  effective_verdict = ${effectiveVerdictSql({ human: "c.human_verdict", judge: "v.judge", prior: "c.prior" })},
  is_disagreement = ${disagreementSql({ human: "c.human_verdict", judge: "v.judge" })}
FROM (SELECT id, ${judgeVerdictSql({ overall: "judge_overall", threshold: "$2::float8" })} AS judge
      FROM candidates WHERE dataset_id = $1 AND judge_overall >= 0) v
WHERE c.id = v.id AND c.judge_verdict <> v.judge`;

export type AppliedRubric = { previous: RubricChange; applied: RubricChange; preview: RubricPreview; refreshed: number };

/** Stores the new rubric and re-derives the dataset's verdicts, in one transaction for a threshold change. */
export async function applyRubric(db: DbHandle, dataset: Dataset, change: RubricChange): Promise<AppliedRubric> {
  const preview = await previewRubric(db, dataset, change);
  const values = {
    threshold: change.threshold,
    weightCompliance: change.weights.instruction_compliance,
    weightSeamlessness: change.weights.seamlessness,
    weightPreservation: change.weights.preservation_balance,
    weightQuality: change.weights.technical_quality,
  };
  if (sameWeights(change.weights, currentRubric(dataset).weights)) {
    await db.transaction(async (tx) => {
      await tx.query("UPDATE datasets SET threshold = $2 WHERE id = $1", [dataset.id, change.threshold]);
      await tx.query(THRESHOLD_APPLY_SQL, [dataset.id, change.threshold]);
    });
    return { previous: currentRubric(dataset), applied: change, preview, refreshed: preview.judgeFlips };
  }
  await db.db.update(datasets).set(values).where(eq(datasets.id, dataset.id));
  const refreshed = await refreshDataset(db, dataset.id);
  return { previous: currentRubric(dataset), applied: change, preview, refreshed };
}
