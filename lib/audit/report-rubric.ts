// The "what threshold and weights should we use" part of the audit report: the threshold sweep
// (κ, agreement and flips per threshold on the labelled items, plus how many stored verdicts of
// the whole dataset would flip) and the fitted weights with what they would change.
import { CRITERIA, type Criterion, type Weights } from "../taxonomy";
import { judgeOutcome, weightedOverall } from "../verdict";
import { confusion } from "./confusion";
import { fitWeights, type Scores4 } from "./fit-weights";
import { defaultThresholds, exactOptima, thresholdSweep, type SweepItem } from "./threshold";
import { toInterval, type IntervalPair, type LabelledItem, type Rubric } from "./report-stats";

/**
 * Judge passes in the whole slice (stored verdicts, i.e. each candidate's latest judgement) at
 * each threshold of `thresholds` (= sweepThresholds(current)); from these, flips are differences.
 */
export type DatasetPassCounts = { thresholds: number[]; pass: number[]; passWithoutHuman: number[] };

/** The sweep grid 0, 0.01, …, 1 plus the current threshold and the exact optima, sorted: what the SQL counts at. */
export function sweepThresholds(current: number, extra: readonly number[] = []): number[] {
  return [...new Set([...defaultThresholds(), current, ...extra])].sort((a, b) => a - b);
}

const sweepItems = (items: readonly LabelledItem[]): SweepItem[] => items.map((item) => ({ overall: item.overall, human: item.human }));

/** The exact best thresholds (κ, accuracy) of the labelled items, which the sweep adds to its grid. */
export function exactThresholds(items: readonly LabelledItem[], threshold: number): number[] {
  const optima = exactOptima(sweepItems(items), threshold);
  return [optima.kappa?.threshold, optima.accuracy?.threshold].filter((value): value is number => value !== undefined);
}

export type SweepRow = {
  threshold: number;
  kappa: number | null;
  agreement: number | null;
  /** Labelled items whose judge verdict differs from the current threshold's. */
  flips: number;
  judge_pass_rate: number | null;
  /** Stored judge verdicts of the whole slice that would flip (null when not counted). */
  dataset_flips: number | null;
  /** Of those, items without a human verdict: their effective verdict flips too. */
  dataset_effective_flips: number | null;
};

export type ThresholdReport = {
  current: SweepRow;
  /** Max κ over every cut between observed scores (exact, not the grid's). */
  best: SweepRow | null;
  /** Every threshold in (lo, hi] gives best's verdicts; null ends are open (below / above every score). */
  best_range: [number | null, number | null] | null;
  /** Max agreement (accuracy) over every cut. */
  best_accuracy: SweepRow | null;
  /** The best κ on the 0.01 grid, which older reports gave. */
  grid_best: SweepRow | null;
  /** Distinct cuts tried: distinct observed scores + 1. */
  cuts: number;
  /** The curve to plot: the 0.01 grid plus the current threshold and the exact optima. */
  rows: SweepRow[];
};

export function thresholdReport(items: readonly LabelledItem[], threshold: number, counts: DatasetPassCounts | null): ThresholdReport {
  const optima = exactOptima(sweepItems(items), threshold);
  const extra = [optima.kappa?.threshold, optima.accuracy?.threshold].filter((value): value is number => value !== undefined);
  const sweep = thresholdSweep(sweepItems(items), { currentThreshold: threshold, thresholds: sweepThresholds(threshold, extra) });
  const gridSweep = thresholdSweep(sweepItems(items), { currentThreshold: threshold });
  const indexOf = (t: number) => counts?.thresholds.indexOf(t) ?? -1;
  const currentIndex = indexOf(threshold);
  const withDataset = (row: (typeof sweep.rows)[number]): SweepRow => {
    const index = indexOf(row.threshold);
    const isCounted = counts !== null && index >= 0 && currentIndex >= 0;
    return {
      threshold: row.threshold,
      kappa: row.kappa,
      agreement: row.agreement,
      flips: row.flips,
      judge_pass_rate: row.judgePassRate,
      dataset_flips: isCounted ? Math.abs(counts.pass[index] - counts.pass[currentIndex]) : null,
      dataset_effective_flips: isCounted ? Math.abs(counts.passWithoutHuman[index] - counts.passWithoutHuman[currentIndex]) : null,
    };
  };
  const rowAt = (t: number | undefined) => {
    const row = t === undefined ? undefined : sweep.rows.find((entry) => entry.threshold === t);
    return row ? withDataset(row) : null;
  };
  return {
    current: withDataset(sweep.current),
    best: rowAt(optima.kappa?.threshold),
    best_range: optima.kappa ? [optima.kappa.lo, optima.kappa.hi] : null,
    best_accuracy: rowAt(optima.accuracy?.threshold),
    grid_best: gridSweep.best ? withDataset(gridSweep.best) : null,
    cuts: optima.cuts,
    rows: sweep.rows.map(withDataset),
  };
}

export type WeightsReport = {
  current: Weights;
  threshold: number;
  /** Labelled items with all four criterion scores: the only ones a fit can use. */
  n: number;
  human_passes: number;
  fitted: Weights | null;
  /** Overall at which the fitted model gives p = 0.5 (null when outside [0, 1]). */
  implied_threshold: number | null;
  /** The threshold "Apply" would use with the fitted weights: the implied one, else the current one. */
  suggested_threshold: number | null;
  dropped_criteria: Criterion[];
  accuracy_current: number | null;
  accuracy_fitted: number | null;
  kappa_current: number | null;
  kappa_fitted: number | null;
  kappa_fitted_ci: IntervalPair;
  /** Labelled items whose judge verdict would change under the fitted weights and suggested threshold. */
  labelled_flips: number | null;
  /** Why there is no fit, or a caveat about it. */
  note: string | null;
};

const toScores4 = (scores: Record<Criterion, number | null>) => CRITERIA.map((criterion) => scores[criterion]) as unknown as Scores4;

export function weightsReport(items: readonly LabelledItem[], rubric: Rubric): WeightsReport {
  const complete = items.filter(
    (item) => item.judgeScores && CRITERIA.every((criterion) => typeof item.judgeScores![criterion] === "number"),
  );
  const current = CRITERIA.map((criterion) => rubric.weights[criterion]) as unknown as Scores4;
  const result = fitWeights(
    complete.map((item) => ({ scores: toScores4(item.judgeScores!), human: item.human === "pass" ? 1 : 0 })),
    { currentWeights: current, currentThreshold: rubric.threshold },
  );
  const base = {
    current: rubric.weights,
    threshold: rubric.threshold,
    n: result.n,
    human_passes: result.positives,
    kappa_current: complete.length ? confusion(complete.map((item) => ({ judge: item.judge, human: item.human }))).kappa.kappa : null,
  };
  if (!result.fit) {
    const partial = items.length > complete.length;
    const note =
      complete.length === 0 && items.length > 0
        ? "No labelled item has all four criterion scores (the offline metrics judge scores only preservation " +
          "and technical quality): fitting weights needs a judge that scores every criterion, such as Gemini."
        : `${result.reason}${partial ? ` (${items.length - complete.length} labelled items lack some criterion scores and were left out)` : ""}.`;
    return {
      ...base,
      fitted: null,
      implied_threshold: null,
      suggested_threshold: null,
      dropped_criteria: [],
      accuracy_current: null,
      accuracy_fitted: null,
      kappa_fitted: null,
      kappa_fitted_ci: null,
      labelled_flips: null,
      note,
    };
  }
  const fit = result.fit;
  const suggested = fit.impliedThreshold ?? rubric.threshold;
  let flips = 0;
  const pairs = complete.map((item) => {
    const verdict = judgeOutcome(weightedOverall(item.judgeScores!, fit.weightsByCriterion), suggested) as "pass" | "fail";
    if (verdict !== item.judge) flips++;
    return { judge: verdict, human: item.human };
  });
  const fitted = confusion(pairs);
  return {
    ...base,
    fitted: fit.weightsByCriterion,
    implied_threshold: fit.impliedThreshold,
    suggested_threshold: suggested,
    dropped_criteria: fit.droppedCriteria,
    accuracy_current: fit.accuracy.current,
    accuracy_fitted: fitted.accuracy,
    kappa_fitted: fitted.kappa.kappa,
    kappa_fitted_ci: toInterval(fitted.kappa.ci),
    labelled_flips: flips,
    note:
      fit.thresholdNote ??
      (result.n < 100 ? `Fitted on ${result.n} items in-sample: expect it to look better here than on new items.` : null),
  };
}
