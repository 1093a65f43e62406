// Reliability diagram and expected calibration error of the judge's overall score read as a
// probability of human acceptance. Equal-width bins on [0, 1] (the usual reliability diagram,
// Guo et al. 2017), bin i = [i/B, (i+1)/B) with the last bin closed so a score of 1 counts.
//   ECE = Σ_b (n_b / N)·|acc_b − conf_b|,  MCE = max_b |acc_b − conf_b| over non-empty bins,
//   Brier = mean (score − outcome)².

export type ReliabilityBin = {
  lo: number;
  hi: number;
  count: number;
  /** Mean score in the bin ("confidence"); null for an empty bin. */
  meanScore: number | null;
  /** Share of outcomes = 1 in the bin ("accuracy"); null for an empty bin. */
  accRate: number | null;
  /** accRate − meanScore: positive = the judge is under-confident here. */
  gap: number | null;
};

export type Reliability = {
  n: number;
  bins: ReliabilityBin[];
  /** null when there are no scores. */
  ece: number | null;
  mce: number | null;
  brier: number | null;
};

export function reliability(scores: readonly number[], outcomes: readonly (0 | 1)[], bins = 10): Reliability {
  if (scores.length !== outcomes.length) throw new RangeError(`lengths differ: ${scores.length} vs ${outcomes.length}`);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive integer, got ${bins}`);
  const counts = new Array<number>(bins).fill(0);
  const scoreSums = new Array<number>(bins).fill(0);
  const hitSums = new Array<number>(bins).fill(0);
  let brierSum = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    const y = outcomes[i];
    // Scores outside [0, 1] mean the caller passed something that is not a probability-like score.
    if (!(s >= 0 && s <= 1)) throw new RangeError(`score must be in [0, 1], got ${s}`);
    if (y !== 0 && y !== 1) throw new RangeError(`outcome must be 0 or 1, got ${String(y)}`);
    const b = Math.min(bins - 1, Math.floor(s * bins));
    counts[b]++;
    scoreSums[b] += s;
    hitSums[b] += y;
    brierSum += (s - y) ** 2;
  }
  const n = scores.length;
  let ece = 0;
  let mce = 0;
  const out: ReliabilityBin[] = counts.map((count, b) => {
    const lo = b / bins;
    const hi = (b + 1) / bins;
    if (count === 0) return { lo, hi, count, meanScore: null, accRate: null, gap: null };
    const meanScore = scoreSums[b] / count;
    const accRate = hitSums[b] / count;
    const gap = accRate - meanScore;
    ece += (count / n) * Math.abs(gap);
    mce = Math.max(mce, Math.abs(gap));
    return { lo, hi, count, meanScore, accRate, gap };
  });
  if (n === 0) return { n, bins: out, ece: null, mce: null, brier: null };
  return { n, bins: out, ece, mce, brier: brierSum / n };
}
