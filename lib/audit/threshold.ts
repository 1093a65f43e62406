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

export function thresholdSweep(items: readonly SweepItem[], options: { currentThreshold: number; thresholds?: readonly number[] }): ThresholdSweep {
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
