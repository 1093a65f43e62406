// Fit rubric weights to human verdicts.
//
// Model: logit P(human pass) = b0 + Σ_k b_k·c_k over the four criterion scores, L2-penalised
// (λ = 0.01 on the slopes by default). The rubric's overall is Σ w_k·c_k with w_k ≥ 0, Σ w_k = 1,
// so a fit is representable as weights exactly when every b_k ≥ 0; then with B = Σ b_k:
//   w_k = b_k / B,  logit p = b0 + B·overall,  p = 0.5  ⇔  overall = −b0 / B  (implied threshold).
// To guarantee b_k ≥ 0 we solve the constrained problem exactly: the penalised objective is
// strictly concave, so the constrained optimum is the unconstrained optimum on its own support.
// We fit all 15 non-empty criterion subsets, keep fits whose slopes are all ≥ 0, and take the best
// objective. The implied threshold is null (with a note) when it falls outside [0, 1].
import { CRITERIA, RUBRIC, type Criterion, type Weights } from "../taxonomy";
import { fitLogistic } from "./logistic";

export type Scores4 = readonly [number, number, number, number];
export type WeightItem = { scores: Scores4; human: 0 | 1 };

export type WeightFit = {
  /** Slopes of the constrained (non-negative) fit, in CRITERIA order; dropped criteria are 0. */
  coefficients: [number, number, number, number];
  intercept: number;
  /** The plain fit without the sign constraint, for display and diagnostics. */
  unconstrained: { coefficients: [number, number, number, number]; intercept: number };
  /** Non-negative, sum to 1, in CRITERIA order. */
  weights: [number, number, number, number];
  weightsByCriterion: Weights;
  /** Criteria whose weight the constraint set to 0. */
  droppedCriteria: Criterion[];
  /** B = Σ b_k: the logit slope of the weighted overall. */
  scale: number;
  /** Overall at which p = 0.5; null when outside [0, 1] (see thresholdNote). */
  impliedThreshold: number | null;
  thresholdNote: string | null;
  logLikelihood: number;
  /** In-sample accuracy vs human: fitted model (p ≥ 0.5), current weights at the current threshold,
   * and fitted weights at the current threshold. */
  accuracy: { fitted: number; current: number; fittedWeightsCurrentThreshold: number };
};

export type FitWeightsResult = {
  fit: WeightFit | null;
  reason: string | null;
  n: number;
  positives: number;
};

export type FitWeightsOptions = {
  /** Current rubric weights in CRITERIA order (normalised to sum 1); default the Pico-Banana rubric. */
  currentWeights?: Scores4;
  currentThreshold?: number;
  l2?: number;
  /** Fewer items than this → null. Default 20 (5 per parameter). */
  minItems?: number;
};

const DEFAULT_WEIGHTS = CRITERIA.map((c) => RUBRIC.weights[c]) as unknown as Scores4;

function weightedScore(scores: Scores4, weights: Scores4): number {
  const sum = weights[0] + weights[1] + weights[2] + weights[3];
  return (scores[0] * weights[0] + scores[1] * weights[1] + scores[2] * weights[2] + scores[3] * weights[3]) / sum;
}

function accuracyOf(items: readonly WeightItem[], predict: (item: WeightItem) => boolean): number {
  let right = 0;
  for (const item of items) if (predict(item) === (item.human === 1)) right++;
  return right / items.length;
}

export function fitWeights(items: readonly WeightItem[], options: FitWeightsOptions = {}): FitWeightsResult {
  const currentWeights = options.currentWeights ?? DEFAULT_WEIGHTS;
  const currentThreshold = options.currentThreshold ?? RUBRIC.threshold;
  const l2 = options.l2 ?? 0.01;
  const minItems = options.minItems ?? 20;
  for (const item of items) {
    if (item.scores.length !== 4 || item.scores.some((s) => !Number.isFinite(s)))
      throw new RangeError("each item needs four finite criterion scores (no nulls)");
    if (item.human !== 0 && item.human !== 1) throw new RangeError(`human must be 0 or 1, got ${String(item.human)}`);
  }
  if (currentWeights.some((w) => !(w >= 0)) || currentWeights.every((w) => w === 0))
    throw new RangeError("current weights must be ≥ 0 and not all 0");
  const n = items.length;
  const positives = items.filter((i) => i.human === 1).length;
  if (n < minItems) return { fit: null, reason: `too few items: ${n} < ${minItems}`, n, positives };
  if (positives === 0 || positives === n)
    return { fit: null, reason: `only one class in the human labels (${positives === 0 ? "all fail" : "all pass"})`, n, positives };

  const y = items.map((i) => i.human);
  const full = fitLogistic(
    items.map((i) => [...i.scores]),
    y,
    { l2 },
  );

  let best: { subset: number[]; intercept: number; coefficients: number[]; objective: number; logLikelihood: number } | null = null;
  // mask 0 (intercept only) is included: when it wins, no criterion deserves a positive weight.
  for (let mask = 0; mask < 16; mask++) {
    const subset = [0, 1, 2, 3].filter((k) => mask & (1 << k));
    const fit = fitLogistic(
      items.map((i) => subset.map((k) => i.scores[k])),
      y,
      { l2 },
    );
    if (fit.coefficients.some((b) => b < 0)) continue;
    if (best === null || fit.objective > best.objective + 1e-12) best = { subset, ...fit };
  }
  const coefficients: [number, number, number, number] = [0, 0, 0, 0];
  if (best) {
    const chosen = best;
    chosen.subset.forEach((k, j) => (coefficients[k] = chosen.coefficients[j]));
  }
  const scale = coefficients[0] + coefficients[1] + coefficients[2] + coefficients[3];
  if (best === null || !(scale > 0)) {
    return { fit: null, reason: "no criterion raises the chance of human acceptance: non-negative weights cannot be fitted", n, positives };
  }

  const weights = coefficients.map((b) => b / scale) as [number, number, number, number];
  const intercept = best.intercept;
  const raw = -intercept / scale;
  const impliedThreshold = raw >= 0 && raw <= 1 ? raw : null;
  const thresholdNote =
    impliedThreshold !== null
      ? null
      : raw < 0
        ? `p > 0.5 for every overall in [0, 1] (p = 0.5 at ${raw.toFixed(3)}): the model accepts everything`
        : `p < 0.5 for every overall in [0, 1] (p = 0.5 at ${raw.toFixed(3)}): the model rejects everything`;
  const weightsByCriterion = Object.fromEntries(CRITERIA.map((c, k) => [c, weights[k]])) as Weights;

  const fitted = accuracyOf(items, (item) => intercept + scale * weightedScore(item.scores, weights) >= 0);
  const current = accuracyOf(items, (item) => weightedScore(item.scores, currentWeights) >= currentThreshold);
  const fittedWeightsCurrentThreshold = accuracyOf(items, (item) => weightedScore(item.scores, weights) >= currentThreshold);

  return {
    fit: {
      coefficients,
      intercept,
      unconstrained: { coefficients: full.coefficients as [number, number, number, number], intercept: full.intercept },
      weights,
      weightsByCriterion,
      droppedCriteria: CRITERIA.filter((_, k) => coefficients[k] === 0),
      scale,
      impliedThreshold,
      thresholdNote,
      logLikelihood: best.logLikelihood,
      accuracy: { fitted, current, fittedWeightsCurrentThreshold },
    },
    reason: null,
    n,
    positives,
  };
}
