// Judge overall, judge verdict, human verdict and the effective verdict (DESIGN.md §2).
// The overall is recomputed from criterion scores and the dataset's weights, so a change of
// weights or threshold re-derives every verdict without calling a judge again.
import type { Criterion, Weights } from "../taxonomy";
import { CRITERIA } from "../taxonomy";

export type CriterionScores = Record<Criterion, number | null>;
export type JudgeOutcome = "pass" | "fail" | "none";
export type HumanOutcome = "pass" | "fail" | "unresolved" | "none";
export type Outcome = "pass" | "fail" | "unresolved" | "none";

/**
 * Weighted mean of the criteria that were scored, weights renormalised over them; the reported
 * overall when no criterion was scored; null when there is nothing at all.
 */
export function weightedOverall(scores: CriterionScores, weights: Weights, reportedOverall: number | null = null): number | null {
  let total = 0;
  let weightSum = 0;
  for (const criterion of CRITERIA) {
    const value = scores[criterion];
    if (value === null || value === undefined || Number.isNaN(value)) continue;
    total += value * weights[criterion];
    weightSum += weights[criterion];
  }
  if (weightSum > 0) return total / weightSum;
  return reportedOverall;
}

export function judgeOutcome(overall: number | null, threshold: number): JudgeOutcome {
  if (overall === null) return "none";
  return overall >= threshold ? "pass" : "fail";
}

/**
 * Several reviewers: each reviewer's latest non-retracted decision counts once; majority of
 * accept vs reject (unsure abstains); a tie, or only unsure votes, stays unresolved.
 */
export function humanOutcome(latestVerdictPerReviewer: readonly ("accept" | "reject" | "unsure")[]): HumanOutcome {
  if (latestVerdictPerReviewer.length === 0) return "none";
  let accepts = 0;
  let rejects = 0;
  for (const verdict of latestVerdictPerReviewer) {
    if (verdict === "accept") accepts++;
    else if (verdict === "reject") rejects++;
  }
  if (accepts > rejects) return "pass";
  if (rejects > accepts) return "fail";
  return "unresolved";
}

export function effectiveOutcome(human: HumanOutcome, judge: JudgeOutcome, prior: "pass" | "fail" | "none"): Outcome {
  if (human !== "none") return human;
  if (judge !== "none") return judge;
  return prior;
}
