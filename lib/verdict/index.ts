// Judge overall, judge verdict, human verdict and the effective verdict (DESIGN.md §2).
// The overall is recomputed from criterion scores and the dataset's weights, so a change of
// weights or threshold re-derives every verdict without calling a judge again. The verdict rules
// themselves are data in rules.ts; these functions run them, sql.ts prints them as SQL.
import type { CandidateRole } from "../manifest/enums";
import type { Criterion, Weights } from "../taxonomy";
import { CRITERIA } from "../taxonomy";
import { compileCondition, compileRule } from "./rule";
import { ADJUDICATED_HUMAN_RULE, DISAGREEMENT_RULE, EFFECTIVE_RULE, HUMAN_RULE, JUDGE_RULE, PASSES_FOR_EXPORT_RULE } from "./rules";
import type { Outcome } from "./outcomes";

export { OUTCOMES, type Outcome } from "./outcomes";
export type CriterionScores = Record<Criterion, number | null>;
export type JudgeOutcome = "pass" | "fail" | "none";
export type HumanOutcome = "pass" | "fail" | "unresolved" | "none";
export type Prior = "pass" | "fail" | "none";

/** A candidate with its stored verdicts: what export rows and DPO pairs are decided on. */
export type CandidateVerdicts = {
  id: number;
  imagePath: string;
  role: CandidateRole;
  prior: Prior;
  judgeVerdict: Outcome;
  humanVerdict: Outcome;
  effectiveVerdict: Outcome;
  judgeOverall: number;
};

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

// Compiled once: the audit runs these per candidate. The rules only ever yield their literals
// or one of their inputs, so each result is within the declared type.
const judgeRule = compileRule(JUDGE_RULE);
const humanRule = compileRule(HUMAN_RULE);
const adjudicatedHumanRule = compileRule(ADJUDICATED_HUMAN_RULE);
const effectiveRule = compileRule(EFFECTIVE_RULE);
const disagreementRule = compileCondition(DISAGREEMENT_RULE);
const passesForExportRule = compileCondition(PASSES_FOR_EXPORT_RULE);

export function judgeOutcome(overall: number | null, threshold: number): JudgeOutcome {
  return judgeRule({ overall, threshold }) as JudgeOutcome;
}

/** Several reviewers: each reviewer's latest non-retracted decision counts once (HUMAN_RULE). */
export function humanOutcome(latestVerdictPerReviewer: readonly ("accept" | "reject" | "unsure")[]): HumanOutcome {
  let accepts = 0;
  let rejects = 0;
  for (const verdict of latestVerdictPerReviewer) {
    if (verdict === "accept") accepts++;
    else if (verdict === "reject") rejects++;
  }
  return humanRule({ reviewers: latestVerdictPerReviewer.length, accepts, rejects }) as HumanOutcome;
}

/** The human verdict after adjudication: an admin's latest ruling, else the reviewers' majority (ADJUDICATED_HUMAN_RULE). */
export function adjudicatedHumanOutcome(adjudicated: "accept" | "reject" | "none", majority: HumanOutcome): HumanOutcome {
  return adjudicatedHumanRule({ adjudicated, majority }) as HumanOutcome;
}

export function effectiveOutcome(human: HumanOutcome, judge: JudgeOutcome, prior: Prior): Outcome {
  return effectiveRule({ human, judge, prior }) as Outcome;
}

/** Human and judge both decided, differently: the audit's disagreement queue. */
export function isDisagreement(human: Outcome, judge: Outcome): boolean {
  return disagreementRule({ human, judge });
}

/**
 * Passes for export: an effective pass. A human tie ("unresolved") is not a decision, so it falls
 * back to the judge, then the manifest prior.
 */
export function passesForExport(candidate: { effectiveVerdict: Outcome; judgeVerdict: Outcome; prior: Prior }): boolean {
  return passesForExportRule({ effective: candidate.effectiveVerdict, judge: candidate.judgeVerdict, prior: candidate.prior });
}
