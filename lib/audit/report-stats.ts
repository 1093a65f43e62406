// Per-item outcomes and the agreement block every part of the audit report repeats (whole slice,
// each edit type, group, judge, reviewer). Pure: rows in, numbers out, snake_case because this is
// the JSON people script against.
import { CRITERIA, type Criterion, type Weights } from "../taxonomy";
import {
  adjudicatedHumanOutcome,
  humanOutcome,
  judgeOutcome,
  weightedOverall,
  type CriterionScores,
  type HumanOutcome,
  type JudgeOutcome,
} from "../verdict";
import { confusion, type VerdictPair } from "./confusion";
import { wilson } from "./intervals";

export type AuditJudgement = {
  id: number;
  judgeId: string;
  scores: CriterionScores;
  reportedOverall: number | null;
  /** Recorded with the judgement when a judge ran here (imported scores have none): for judge-vs-judge costs. */
  costUsd?: number | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
};
export type AuditReview = {
  reviewer: string;
  verdict: "accept" | "reject" | "unsure";
  scores: Partial<Record<Criterion, number | null>>;
  sampleId: number | null;
  sampleProbability: number | null;
  createdAt: string;
};
/**
 * A reviewed candidate: its latest good judgement per judge id, each reviewer's counted decision,
 * and an admin's adjudication when reviewers disagreed (it overrides their majority, as it does in
 * the stored human verdict; per-reviewer numbers use each reviewer's own decisions instead).
 */
export type AuditCandidate = {
  candidateId: number;
  editType: string;
  group: string;
  judgements: AuditJudgement[];
  reviews: AuditReview[];
  adjudicated?: "accept" | "reject";
};

export type ItemOutcome = {
  candidateId: number;
  editType: string;
  group: string;
  overall: number | null;
  judgeScores: CriterionScores | null;
  judge: JudgeOutcome;
  human: HumanOutcome;
  /** Mean of the reviewers' corrected scores, per criterion they gave. */
  humanScores: Partial<Record<Criterion, number>>;
  /** Inclusion probability of the audit sample a counted decision came from, if any. */
  sampleProbability: number | null;
};

export type Rubric = { weights: Weights; threshold: number };

/** The judgement the slice's judge stands for: a given judge id, or the newest of any judge. */
export function pickJudgement(judgements: readonly AuditJudgement[], judgeId: string | undefined): AuditJudgement | null {
  let chosen: AuditJudgement | null = null;
  for (const judgement of judgements) {
    if (judgeId !== undefined && judgement.judgeId !== judgeId) continue;
    if (chosen === null || judgement.id > chosen.id) chosen = judgement;
  }
  return chosen;
}

export function itemOutcome(
  candidate: AuditCandidate,
  rubric: Rubric,
  judgeId: string | undefined,
  reviews = candidate.reviews,
): ItemOutcome {
  const judgement = pickJudgement(candidate.judgements, judgeId);
  const overall = judgement ? weightedOverall(judgement.scores, rubric.weights, judgement.reportedOverall) : null;
  const humanScores: Partial<Record<Criterion, number>> = {};
  for (const criterion of CRITERIA) {
    const given = reviews
      .map((review) => review.scores[criterion])
      .filter((value): value is number => typeof value === "number" && Number.isFinite(value));
    if (given.length) humanScores[criterion] = given.reduce((sum, value) => sum + value, 0) / given.length;
  }
  const sampled = reviews.find((review) => review.sampleId !== null && review.sampleProbability !== null);
  return {
    candidateId: candidate.candidateId,
    editType: candidate.editType,
    group: candidate.group,
    overall,
    judgeScores: judgement?.scores ?? null,
    judge: judgeOutcome(overall, rubric.threshold),
    human:
      reviews === candidate.reviews
        ? adjudicatedHumanOutcome(candidate.adjudicated ?? "none", humanOutcome(reviews.map((review) => review.verdict)))
        : humanOutcome(reviews.map((review) => review.verdict)),
    humanScores,
    sampleProbability: sampled?.sampleProbability ?? null,
  };
}

export type LabelledItem = ItemOutcome & { judge: "pass" | "fail"; human: "pass" | "fail"; overall: number };

export function isLabelled(item: ItemOutcome): item is LabelledItem {
  return (item.judge === "pass" || item.judge === "fail") && (item.human === "pass" || item.human === "fail") && item.overall !== null;
}

export type IntervalPair = [number, number] | null;
export type Rates = { precision: number | null; recall: number | null };

export type AgreementStats = {
  /** Candidates with at least one counted decision. */
  reviewed: number;
  /** Candidates with a human pass/fail AND a judge verdict: what every rate below is over. */
  labelled: number;
  /** Human tie or only "unsure". */
  unresolved: number;
  /** Human pass/fail but no judgement from this judge. */
  unjudged: number;
  errors: number;
  accuracy: number | null;
  error_rate: number | null;
  /** Wilson 95% interval of the error rate. */
  error_ci: IntervalPair;
  kappa: number | null;
  kappa_se: number | null;
  kappa_ci: IntervalPair;
  /** Why κ is missing (no labels, one class only), else null. */
  kappa_note: string | null;
  confusion: { judge_pass_human_pass: number; judge_pass_human_fail: number; judge_fail_human_pass: number; judge_fail_human_fail: number };
  /** Judge accepts: precision = share of judge passes the human accepts; recall = share of human accepts the judge passed. */
  accept: Rates;
  /** Judge rejects, with fail as the positive class. */
  reject: Rates;
  judge_pass_rate: number | null;
  human_pass_rate: number | null;
};

export const toInterval = (ci: { lo: number; hi: number } | null | undefined): IntervalPair => (ci ? [ci.lo, ci.hi] : null);

function kappaNote(reason: string | null, pairs: readonly VerdictPair[]): string | null {
  if (reason === null) return null;
  if (pairs.length === 0) return "no labelled items";
  const humans = new Set(pairs.map((pair) => pair.human));
  const judges = new Set(pairs.map((pair) => pair.judge));
  if (humans.size === 1) return `κ is undefined: every human verdict is ${[...humans][0]} (one class only); accuracy still counts.`;
  if (judges.size === 1) return `κ is undefined: the judge said ${[...judges][0]} every time (one class only); accuracy still counts.`;
  return reason;
}

export function agreementStats(items: readonly ItemOutcome[]): AgreementStats {
  const labelled = items.filter(isLabelled);
  const pairs: VerdictPair[] = labelled.map((item) => ({ judge: item.judge, human: item.human }));
  const table = confusion(pairs);
  const errors = table.counts.judgePassHumanFail + table.counts.judgeFailHumanPass;
  const errorInterval = wilson(errors, labelled.length);
  return {
    reviewed: items.filter((item) => item.human !== "none").length,
    labelled: labelled.length,
    unresolved: items.filter((item) => item.human === "unresolved").length,
    unjudged: items.filter((item) => (item.human === "pass" || item.human === "fail") && item.judge === "none").length,
    errors,
    accuracy: table.accuracy,
    error_rate: errorInterval.p,
    error_ci: toInterval(errorInterval.ci),
    kappa: table.kappa.kappa,
    kappa_se: table.kappa.se,
    kappa_ci: toInterval(table.kappa.ci),
    kappa_note: kappaNote(table.kappa.reason, pairs),
    confusion: {
      judge_pass_human_pass: table.counts.judgePassHumanPass,
      judge_pass_human_fail: table.counts.judgePassHumanFail,
      judge_fail_human_pass: table.counts.judgeFailHumanPass,
      judge_fail_human_fail: table.counts.judgeFailHumanFail,
    },
    accept: table.accept,
    reject: table.reject,
    judge_pass_rate: table.judgePassRate,
    human_pass_rate: table.humanPassRate,
  };
}

/** Worst first: by the LOW end of the error interval, so three items that happen to be wrong
 * do not outrank a large slice that is reliably bad; unlabelled slices last, biggest first. */
export function worstFirst<T extends { labelled: number; error_ci: IntervalPair; error_rate: number | null }>(
  rows: T[],
  size: (row: T) => number,
): T[] {
  return [...rows].sort((a, b) => {
    if (a.labelled > 0 !== b.labelled > 0) return a.labelled > 0 ? -1 : 1;
    if (a.labelled === 0) return size(b) - size(a);
    return (b.error_ci?.[0] ?? 0) - (a.error_ci?.[0] ?? 0) || (b.error_rate ?? 0) - (a.error_rate ?? 0) || b.labelled - a.labelled;
  });
}
