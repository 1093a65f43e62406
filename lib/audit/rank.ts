// Spearman's rank correlation with average ranks for ties: the Pearson correlation of the
// ranks. The "1 − 6Σd²/(n(n²−1))" shortcut is only exact without ties, and judge scores and
// human ratings tie a lot (coarse scales), so it is not used.

/** 1-based ranks; tied values share the mean of the ranks they span (scipy's "average"). */
export function averageRanks(values: readonly number[]): number[] {
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`non-finite value: ${v}`);
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[start]]) end++;
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]] = rank;
    start = end + 1;
  }
  return ranks;
}

export type Correlation = {
  /** null when undefined; see reason. */
  rho: number | null;
  n: number;
  reason: string | null;
};

/** Pearson correlation; null when either side is constant (zero variance) or n < 2. */
export function pearson(x: readonly number[], y: readonly number[]): Correlation {
  if (x.length !== y.length) throw new RangeError(`lengths differ: ${x.length} vs ${y.length}`);
  const n = x.length;
  if (n < 2) return { rho: null, n, reason: "needs at least 2 pairs" };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return { rho: null, n, reason: "one of the variables is constant" };
  // Clamp: rounding can give 1.0000000000000002 for perfectly monotone data.
  return { rho: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), n, reason: null };
}

export function spearman(x: readonly number[], y: readonly number[]): Correlation {
  if (x.length !== y.length) throw new RangeError(`lengths differ: ${x.length} vs ${y.length}`);
  return pearson(averageRanks(x), averageRanks(y));
}
