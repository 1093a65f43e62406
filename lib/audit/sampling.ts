// Population estimates from a probability sample of reviewed items (e.g. "what share of the
// judge's passes would a human reject?"), weighting each item by 1/π_i, its inclusion probability.
//
// Horvitz–Thompson: T̂ = Σ y_i/π_i, rate = T̂/N.
// Hájek (ratio):     R̂ = Σ (y_i/π_i) / Σ (1/π_i). Usually preferred: it stays in [0, 1] and
//                    does not need N to be exact.
// Variance: the with-replacement (Hansen–Hurwitz) approximation, the default of survey software
// when no joint inclusion probabilities are known (R survey's svydesign(ids = ~1, probs = ~p)):
//   v(T̂) = n/(n−1) · Σ (y_i/π_i − T̂/n)²
//   v(R̂) = n/(n−1) · Σ [ (y_i − R̂)/π_i ]² / (Σ 1/π_i)²      (Taylor linearisation)
// It ignores the finite-population correction, so it is conservative for large sampling
// fractions. Under simple random sampling (π = n/N) v(R̂) reduces to s²/n. CIs are
// estimate ± 1.96·SE, clamped to [0, 1].
import { normalInterval, type Interval } from "./intervals";

export type SampledItem = { value: 0 | 1; probability: number };

export type RateEstimate = { rate: number | null; se: number | null; ci: Interval | null };

export type IpwEstimate = {
  n: number;
  populationSize: number;
  /** Σ 1/π_i: the population size the sample implies; compare with populationSize. */
  estimatedPopulation: number | null;
  /** Horvitz–Thompson estimate of the number of items with value 1. */
  total: number | null;
  horvitzThompson: RateEstimate;
  hajek: RateEstimate;
  varianceMethod: string;
  reason: string | null;
};

export const VARIANCE_METHOD = "with-replacement (Hansen–Hurwitz) approximation, no finite-population correction";

export function ipwEstimate(items: readonly SampledItem[], populationSize: number, options: { confidence?: number } = {}): IpwEstimate {
  if (!(populationSize > 0) || !Number.isFinite(populationSize)) throw new RangeError(`populationSize must be > 0, got ${populationSize}`);
  for (const item of items) {
    if (!(item.probability > 0 && item.probability <= 1))
      throw new RangeError(`inclusion probability must be in (0, 1], got ${item.probability}`);
    if (item.value !== 0 && item.value !== 1) throw new RangeError(`value must be 0 or 1, got ${String(item.value)}`);
  }
  const n = items.length;
  const none: RateEstimate = { rate: null, se: null, ci: null };
  const base = { n, populationSize, varianceMethod: VARIANCE_METHOD };
  if (n === 0) return { ...base, estimatedPopulation: null, total: null, horvitzThompson: none, hajek: none, reason: "no sampled items" };

  let total = 0;
  let weightSum = 0;
  for (const item of items) {
    total += item.value / item.probability;
    weightSum += 1 / item.probability;
  }
  const htRate = total / populationSize;
  const hajekRate = total / weightSum;
  if (n < 2) {
    return {
      ...base,
      estimatedPopulation: weightSum,
      total,
      horvitzThompson: { rate: htRate, se: null, ci: null },
      hajek: { rate: hajekRate, se: null, ci: null },
      reason: "a variance needs at least 2 sampled items",
    };
  }
  let ssTotal = 0;
  let ssRatio = 0;
  for (const item of items) {
    ssTotal += (item.value / item.probability - total / n) ** 2;
    ssRatio += ((item.value - hajekRate) / item.probability) ** 2;
  }
  const factor = n / (n - 1);
  const htSe = Math.sqrt(factor * ssTotal) / populationSize;
  const hajekSe = Math.sqrt(factor * ssRatio) / weightSum;
  const confidence = options.confidence ?? 0.95;
  return {
    ...base,
    estimatedPopulation: weightSum,
    total,
    horvitzThompson: { rate: htRate, se: htSe, ci: normalInterval(htRate, htSe, confidence, 0, 1) },
    hajek: { rate: hajekRate, se: hajekSe, ci: normalInterval(hajekRate, hajekSe, confidence, 0, 1) },
    reason: null,
  };
}

export type SamplingKind = "none" | "probability" | "convenience";

/**
 * "probability" when every label carries a usable inclusion probability (0 < π ≤ 1); otherwise
 * "convenience" (labels picked by hand or by browsing), where population estimates are not
 * justified and pages should say the rates describe only the reviewed items. "none" = no labels.
 */
export function samplingKind(items: readonly { probability?: number | null }[]): SamplingKind {
  if (items.length === 0) return "none";
  for (const item of items) {
    const p = item.probability;
    if (p === null || p === undefined || !(p > 0 && p <= 1)) return "convenience";
  }
  return "probability";
}

export function isConvenienceSample(items: readonly { probability?: number | null }[]): boolean {
  return samplingKind(items) === "convenience";
}
