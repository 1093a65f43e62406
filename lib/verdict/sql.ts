// The verdict rules of rules.ts and the weighted overall as SQL expressions, for the statements
// that store verdicts on candidates and the export that reads them. The caller names the SQL of
// each input (a column, a parameter, a CTE's field); rule.test.ts checks the SQL against the
// TypeScript on PGlite for every combination.
import { CRITERIA, type Criterion } from "../taxonomy";
import { conditionSql, ruleSql, type Columns } from "./rule";
import { ADJUDICATED_HUMAN_RULE, DISAGREEMENT_RULE, EFFECTIVE_RULE, HUMAN_RULE, JUDGE_RULE, PASSES_FOR_EXPORT_RULE } from "./rules";

export const judgeVerdictSql = (columns: Columns<"overall" | "threshold">) => ruleSql(JUDGE_RULE, columns);
export const humanVerdictSql = (columns: Columns<"reviewers" | "accepts" | "rejects">) => ruleSql(HUMAN_RULE, columns);
export const adjudicatedHumanSql = (columns: Columns<"adjudicated" | "majority">) => ruleSql(ADJUDICATED_HUMAN_RULE, columns);
export const effectiveVerdictSql = (columns: Columns<"human" | "judge" | "prior">) => ruleSql(EFFECTIVE_RULE, columns);
export const disagreementSql = (columns: Columns<"human" | "judge">) => conditionSql(DISAGREEMENT_RULE, columns);

/** passesForExport over a candidates row `alias`, so export can settle rows inside the database. */
export function passesForExportSql(alias: string): string {
  return conditionSql(PASSES_FOR_EXPORT_RULE, {
    effective: `${alias}.effective_verdict`,
    judge: `${alias}.judge_verdict`,
    prior: `${alias}.prior`,
  });
}

/**
 * weightedOverall as SQL: the weighted mean of the scored criteria (NULL = not scored) with the
 * weights renormalised over them, else the reported overall. Sums in CRITERIA order, like the
 * TypeScript loop, so both give the same float.
 */
export function weightedOverallSql(scores: Columns<Criterion>, weights: Columns<Criterion>, reported: string): string {
  const weightSum = CRITERIA.map((criterion) => `CASE WHEN ${scores[criterion]} IS NULL THEN 0 ELSE ${weights[criterion]} END`).join(" + ");
  const total = CRITERIA.map((criterion) => `COALESCE(${scores[criterion]} * ${weights[criterion]}, 0)`).join(" + ");
  return `CASE WHEN (${weightSum}) > 0 THEN (${total}) / (${weightSum}) ELSE ${reported} END`;
}
