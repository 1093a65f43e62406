// Threshold sweep: what κ, agreement and pass rate the judge would have at each threshold, and
// how many verdicts would flip relative to the current threshold. A judge verdict is pass when
// overall ≥ threshold (same rule as lib/verdict's judgeOutcome). Items are sorted once and each
// threshold is a binary search plus prefix sums, so 400K items × 101 thresholds stays cheap.
import { kappaFromTable } from "./kappa";

export type SweepItem = { overall: number; human: "pass" | "fail" };

export type ThresholdRow = {
  threshold: number;
  /** null when undefined (e.g. the judge passes everything at this threshold). */
  kappa: number | null;
  agreement: number | null;
  /** Judge verdicts that differ from those at the current threshold. */
  flips: number;
  judgePassRate: number | null;
};

export type ThresholdSweep = {
  n: number;
  currentThreshold: number;
  rows: ThresholdRow[];
  /** The row at the current threshold (computed even when it is not on the grid). */
  current: ThresholdRow;
  /** Max κ; ties → closest to the current threshold, then higher agreement, then lower threshold. */
  best: ThresholdRow | null;
};

/** 0, 0.01, …, 1 built as i/100 so 0.7 is exactly the literal 0.7 (70 × 0.01 is 0.7000000000000001). */
export function defaultThresholds(): number[] {
  return Array.from({ length: 101 }, (_, i) => i / 100);
}

const KAPPA_TIE = 1e-12;

export function bestThreshold(rows: readonly ThresholdRow[], currentThreshold: number): ThresholdRow | null {
  let best: ThresholdRow | null = null;
  for (const row of rows) {
    if (row.kappa === null) continue;
    if (best === null || best.kappa === null) {
      best = row;
      continue;
    }
    if (row.kappa > best.kappa + KAPPA_TIE) {
      best = row;
      continue;
    }
    if (row.kappa < best.kappa - KAPPA_TIE) continue;
    const dRow = Math.abs(row.threshold - currentThreshold);
    const dBest = Math.abs(best.threshold - currentThreshold);
    if (dRow < dBest - 1e-12) best = row;
    else if (Math.abs(dRow - dBest) <= 1e-12) {
      const aRow = row.agreement ?? -1;
      const aBest = best.agreement ?? -1;
      if (aRow > aBest || (aRow === aBest && row.threshold < best.threshold)) best = row;
    }
  }
  return best;
}

export function thresholdSweep(
  items: readonly SweepItem[],
  options: { currentThreshold: number; thresholds?: readonly number[] },
): ThresholdSweep {
  const { currentThreshold } = options;
  const thresholds = options.thresholds ?? defaultThresholds();
  if (!Number.isFinite(currentThreshold)) throw new RangeError(`currentThreshold must be finite, got ${currentThreshold}`);
  for (const item of items) {
    if (!Number.isFinite(item.overall)) throw new RangeError(`overall must be finite, got ${item.overall}`);
    if (item.human !== "pass" && item.human !== "fail") throw new RangeError(`human must be pass or fail, got ${String(item.human)}`);
  }
  const sorted = [...items].sort((a, b) => a.overall - b.overall);
  const n = sorted.length;
  // humanPassBefore[k] = human passes among the k lowest overalls.
  const humanPassBefore = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < n; i++) humanPassBefore[i + 1] = humanPassBefore[i] + (sorted[i].human === "pass" ? 1 : 0);
  const humanPass = humanPassBefore[n];

  // Index of the first item with overall ≥ t: everything from there on is a judge pass.
  const firstPass = (t: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid].overall >= t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const currentIndex = firstPass(currentThreshold);

  const rowAt = (threshold: number): ThresholdRow => {
    const k = firstPass(threshold);
    const pp = humanPass - humanPassBefore[k];
    const pf = n - k - pp;
    const fp = humanPassBefore[k];
    const ff = k - fp;
    const kappa = kappaFromTable([
      [pp, pf],
      [fp, ff],
    ]).kappa;
    return {
      threshold,
      kappa,
      agreement: n > 0 ? (pp + ff) / n : null,
      flips: Math.abs(k - currentIndex),
      judgePassRate: n > 0 ? (n - k) / n : null,
    };
  };

  const rows = thresholds.map(rowAt);
  return { n, currentThreshold, rows, current: rowAt(currentThreshold), best: bestThreshold(rows, currentThreshold) };
}

/** One cut between observed scores: every threshold in (lo, hi] gives the same verdicts. */
export type ExactCut = {
  /** The threshold to use: the current one when it lies in the cut, else the middle of (lo, hi]. */
  threshold: number;
  /** Exclusive lower end (null: no score below the cut). */
  lo: number | null;
  /** Inclusive upper end (null: above every score, the judge fails everything). */
  hi: number | null;
  kappa: number | null;
  agreement: number | null;
  judgePassRate: number | null;
};

export type ExactOptima = {
  /** Distinct cuts tried: distinct observed scores + 1. */
  cuts: number;
  /** Max κ over every cut; ties → the cut nearest the current threshold, then higher agreement, then lower. */
  kappa: ExactCut | null;
  /** Max agreement (accuracy) over every cut, same tie rule. */
  accuracy: ExactCut | null;
};

/** κ of the 2×2 [[pp, pf], [fp, ff]] (judge rows, human columns); null when either rater used one class (as kappaFromTable). */
function kappaOf(pp: number, pf: number, fp: number, ff: number): number | null {
  const n = pp + pf + fp + ff;
  if (n === 0 || pp + pf === 0 || fp + ff === 0 || pp + fp === 0 || pf + ff === 0) return null;
  const po = (pp + ff) / n;
  const pe = ((pp + pf) * (pp + fp) + (fp + ff) * (pf + ff)) / (n * n);
  if (pe >= 1 - 1e-15) return null;
  return (po - pe) / (1 - pe);
}

/**
 * The exact best thresholds: every distinct cut between observed scores, not a grid. Items are
 * sorted once and the confusion matrix is updated as the cut passes each distinct score, so the
 * whole sweep is O(n log n) and a 0.01 grid can no longer step over the optimum.
 */
export function exactOptima(items: readonly SweepItem[], currentThreshold: number): ExactOptima {
  const sorted = [...items].sort((a, b) => a.overall - b.overall);
  const n = sorted.length;
  if (n === 0) return { cuts: 0, kappa: null, accuracy: null };
  let humanPass = 0;
  for (const item of sorted) if (item.human === "pass") humanPass++;
  const distance = (lo: number | null, hi: number | null) =>
    lo !== null && currentThreshold <= lo ? lo - currentThreshold : hi !== null && currentThreshold > hi ? currentThreshold - hi : 0;
  const pick = (lo: number | null, hi: number | null) => {
    if (distance(lo, hi) === 0) return currentThreshold;
    if (lo === null) return hi!;
    if (hi === null) return lo < 1 ? (lo + 1) / 2 : lo + 1e-9;
    return (lo + hi) / 2;
  };
  const better = (candidate: ExactCut, best: ExactCut | null, key: "kappa" | "agreement"): boolean => {
    if (candidate[key] === null) return false;
    if (best === null || best[key] === null) return true;
    const diff = candidate[key]! - best[key]!;
    if (Math.abs(diff) > KAPPA_TIE) return diff > 0;
    const dCandidate = distance(candidate.lo, candidate.hi);
    const dBest = distance(best.lo, best.hi);
    if (Math.abs(dCandidate - dBest) > 1e-12) return dCandidate < dBest;
    if ((candidate.agreement ?? -1) !== (best.agreement ?? -1)) return (candidate.agreement ?? -1) > (best.agreement ?? -1);
    return candidate.threshold < best.threshold;
  };
  let bestKappa: ExactCut | null = null;
  let bestAccuracy: ExactCut | null = null;
  let cuts = 0;
  // k = items below the cut (judge fails); failHumanPass = human passes among them.
  let k = 0;
  let failHumanPass = 0;
  let previous: number | null = null;
  while (true) {
    const hi = k < n ? sorted[k].overall : null;
    const pp = humanPass - failHumanPass;
    const pf = n - k - pp;
    const cut: ExactCut = {
      threshold: pick(previous, hi),
      lo: previous,
      hi,
      kappa: kappaOf(pp, pf, failHumanPass, k - failHumanPass),
      agreement: (pp + k - failHumanPass) / n,
      judgePassRate: (n - k) / n,
    };
    cuts++;
    if (better(cut, bestKappa, "kappa")) bestKappa = cut;
    if (better(cut, bestAccuracy, "agreement")) bestAccuracy = cut;
    if (k === n) break;
    // Move every item with this score below the cut.
    const value = sorted[k].overall;
    while (k < n && sorted[k].overall === value) {
      if (sorted[k].human === "pass") failHumanPass++;
      k++;
    }
    previous = value;
  }
  return { cuts, kappa: bestKappa, accuracy: bestAccuracy };
}
