// Statistics for paired binary outcomes: the judge and the reviewers verdict on the same items, or
// two judges are right or wrong on the same items. The discordant cells carry all the signal.
//
// Paired 2×2 table [[a, b], [c, d]]: rows = rater 1 pass / fail, columns = rater 2 pass / fail.
// p1 = (a + b)/n, p2 = (a + c)/n, difference D = p1 − p2 = (b − c)/n.
//
// - Interval for D: Newcombe (1998) "Improved confidence intervals for the difference between
//   binomial proportions based on paired data", Stat. Med. 17:2635–2650, method 10 (Wilson score
//   intervals of p1 and p2 combined square-and-add, with the φ correlation correction).
// - Exact McNemar test: under H0 the b discordant pairs of the b + c are Binomial(b + c, ½);
//   two-sided p = min(1, 2·P(X ≤ min(b, c))) (R exact2x2::mcnemar.exact, statsmodels mcnemar(exact=True)).
// - Benjamini–Hochberg (1995) step-up adjustment (R p.adjust(method = "BH")).
import { regularizedBeta } from "./distributions";
import { wilson, type Interval } from "./intervals";

export type PairedTable = { a: number; b: number; c: number; d: number };

export type PairedDifference = {
  n: number;
  p1: number | null;
  p2: number | null;
  /** p1 − p2; null when n = 0. */
  difference: number | null;
  ci: Interval | null;
};

function checkCounts(table: PairedTable): void {
  for (const [name, value] of Object.entries(table)) {
    if (!(Number.isInteger(value) && value >= 0)) throw new RangeError(`paired table cell ${name} must be a count ≥ 0, got ${value}`);
  }
}

/** Newcombe's method 10 interval for p1 − p2 from one paired 2×2 table. */
export function pairedDifference(table: PairedTable, confidence = 0.95): PairedDifference {
  checkCounts(table);
  const { a, b, c, d } = table;
  const n = a + b + c + d;
  if (n === 0) return { n, p1: null, p2: null, difference: null, ci: null };
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const w1 = wilson(a + b, n, confidence).ci!;
  const w2 = wilson(a + c, n, confidence).ci!;
  // φ: the phi coefficient with Newcombe's continuity adjustment of the numerator ad − bc.
  const product = (a + b) * (c + d) * (a + c) * (b + d);
  const cross = a * d - b * c;
  const adjusted = cross > n / 2 ? cross - n / 2 : cross < 0 ? cross : 0;
  const phi = product > 0 ? adjusted / Math.sqrt(product) : 0;
  const difference = (b - c) / n;
  const lower = Math.sqrt(Math.max(0, (p1 - w1.lo) ** 2 - 2 * phi * (p1 - w1.lo) * (w2.hi - p2) + (w2.hi - p2) ** 2));
  const upper = Math.sqrt(Math.max(0, (p2 - w2.lo) ** 2 - 2 * phi * (p2 - w2.lo) * (w1.hi - p1) + (w1.hi - p1) ** 2));
  return { n, p1, p2, difference, ci: { lo: Math.max(-1, difference - lower), hi: Math.min(1, difference + upper) } };
}

/** P(X ≤ k) for X ~ Binomial(n, ½), through the regularized incomplete beta: I_{½}(n − k, k + 1). */
function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return regularizedBeta(0.5, n - k, k + 1);
}

/** Two-sided exact McNemar p-value on the discordant counts; 1 when there are none. */
export function mcnemarExact(b: number, c: number): number {
  if (!(Number.isInteger(b) && Number.isInteger(c) && b >= 0 && c >= 0))
    throw new RangeError(`discordant counts must be counts ≥ 0, got ${b}, ${c}`);
  const n = b + c;
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialHalfCdf(Math.min(b, c), n));
}

/** Benjamini–Hochberg adjusted p-values, in the input order. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  for (const p of pValues) if (!(p >= 0 && p <= 1)) throw new RangeError(`p-values must be in [0, 1], got ${p}`);
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const { p, index } = order[rank - 1];
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}
