// Confidence intervals shared by the audit statistics: Wilson for proportions (stays inside
// [0, 1] and behaves at 0 and n, where the Wald interval collapses), a t interval for means,
// and a clamped normal interval for estimators that come with a large-sample SE.
import { studentTQuantile, zCritical } from "./distributions";

export type Interval = { lo: number; hi: number };

export type Proportion = {
  successes: number;
  n: number;
  /** successes / n; null when n = 0. */
  p: number | null;
  /** Wilson score interval; null when n = 0. */
  ci: Interval | null;
};

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
}

/**
 * Wilson (1927) score interval for a binomial proportion. Successes and n may be non-integer
 * (weighted counts). Endpoints are pinned to exactly 0 / 1 at x = 0 / x = n so a page never shows
 * "−0.000" or "1.0000000002".
 */
export function wilson(successes: number, n: number, confidence = 0.95): Proportion {
  checkConfidence(confidence);
  if (!(n >= 0) || !(successes >= 0) || successes > n) throw new RangeError(`need 0 ≤ successes ≤ n, got ${successes}/${n}`);
  if (n === 0) return { successes, n, p: null, ci: null };
  const z = zCritical(confidence);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === n ? 1 : Math.min(1, centre + half);
  return { successes, n, p, ci: { lo, hi } };
}

/** estimate ± z·se, clamped to [min, max]; null when there is no SE. */
export function normalInterval(estimate: number, se: number | null, confidence = 0.95, min = -Infinity, max = Infinity): Interval | null {
  checkConfidence(confidence);
  if (se === null || !Number.isFinite(se)) return null;
  const z = zCritical(confidence);
  return { lo: Math.min(max, Math.max(min, estimate - z * se)), hi: Math.min(max, Math.max(min, estimate + z * se)) };
}

export type MeanCI = {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1 denominator); null when n < 2. */
  sd: number | null;
  se: number | null;
  df: number | null;
  /** The t critical value used. */
  tCritical: number | null;
  ci: Interval | null;
  reason: string | null;
};

/**
 * Mean of paired differences with a Student t interval (mean ± t(1 − α/2, n − 1)·s/√n), e.g. the
 * judge's overall minus a reviewer's corrected overall. Non-finite entries are rejected rather
 * than skipped so a caller's missing value never silently shrinks n.
 */
export function meanDifferenceCI(diffs: readonly number[], confidence = 0.95): MeanCI {
  checkConfidence(confidence);
  const n = diffs.length;
  for (const d of diffs) if (!Number.isFinite(d)) throw new RangeError(`non-finite difference: ${d}`);
  if (n === 0) return { n, mean: null, sd: null, se: null, df: null, tCritical: null, ci: null, reason: "no differences" };
  let sum = 0;
  for (const d of diffs) sum += d;
  const mean = sum / n;
  if (n < 2)
    return { n, mean, sd: null, se: null, df: null, tCritical: null, ci: null, reason: "an interval needs at least 2 differences" };
  // Two-pass variance: the one-pass formula loses digits when the mean is large relative to the spread.
  let ss = 0;
  for (const d of diffs) ss += (d - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const se = sd / Math.sqrt(n);
  const df = n - 1;
  const tCritical = studentTQuantile(0.5 + confidence / 2, df);
  return { n, mean, sd, se, df, tCritical, ci: { lo: mean - tCritical * se, hi: mean + tCritical * se }, reason: null };
}
