// Chance-corrected agreement: Cohen's κ (two raters, any number of categories) with the
// Fleiss–Cohen–Everitt (1969) large-sample SE, Fleiss' κ (many raters), and percent agreement.
//
// Cohen's κ on a K×K table of proportions p_ij (rater A rows, rater B columns), marginals
// p_i. (rows) and p_.j (columns):
//   p_o = Σ_i p_ii,  p_e = Σ_i p_i.·p_.i,  κ = (p_o − p_e) / (1 − p_e)
//   Var(κ) = { Σ_i p_ii·[1 − (p_i. + p_.i)(1 − κ)]²
//            + (1 − κ)²·Σ_{i≠j} p_ij·(p_.i + p_j.)²
//            − [κ − p_e(1 − κ)]² } / ( n·(1 − p_e)² )
// (Fleiss, Cohen & Everitt 1969, eq. 13; Fleiss, Levin & Paik 2003, eq. 18.13). This is the
// non-null SE used by SAS PROC FREQ "ASE" and R vcd::Kappa. The 95% CI is κ ± 1.96·SE clamped to
// [−1, 1].
import { normalInterval, type Interval } from "./intervals";

export type KappaEstimate = {
  /** null when undefined; see reason. */
  kappa: number | null;
  se: number | null;
  ci: Interval | null;
  /** p_o: share of items on which the raters agree; null when there are no items. */
  observedAgreement: number | null;
  /** p_e: agreement expected from the marginals alone. */
  chanceAgreement: number | null;
  /** Total (possibly weighted) count in the table. */
  total: number;
  /** Sample size used for the SE (equals total for unweighted tables). */
  effectiveN: number;
  reason: string | null;
};

const SAME = 1e-12;

/**
 * κ from a square table of counts. `effectiveN` overrides the n in the variance (a weighted
 * table's total is not its information content; callers pass Kish's effective n).
 *
 * κ is reported as null when either rater used a single category: p_e then equals p_o for any
 * data, so κ is 0 by construction (or 0/0 when both used the same single category) and says
 * nothing about the judge. Accuracy stays meaningful and is reported elsewhere.
 */
export function kappaFromTable(
  table: readonly (readonly number[])[],
  options: { effectiveN?: number; confidence?: number } = {},
): KappaEstimate {
  const k = table.length;
  for (const row of table) {
    if (row.length !== k) throw new RangeError("kappa table must be square");
    for (const cell of row) if (!(cell >= 0) || !Number.isFinite(cell)) throw new RangeError(`invalid count ${cell}`);
  }
  let total = 0;
  for (const row of table) for (const cell of row) total += cell;
  const effectiveN = options.effectiveN ?? total;
  const empty = { kappa: null, se: null, ci: null, total, effectiveN };
  if (total <= 0) return { ...empty, observedAgreement: null, chanceAgreement: null, reason: "no labels" };

  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  let po = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p = table[i][j] / total;
      rows[i] += p;
      cols[j] += p;
      if (i === j) po += p;
    }
  }
  let pe = 0;
  for (let i = 0; i < k; i++) pe += rows[i] * cols[i];
  const rowCategories = rows.filter((p) => p > 0).length;
  const colCategories = cols.filter((p) => p > 0).length;
  if (rowCategories <= 1 && colCategories <= 1 && 1 - pe < SAME) {
    return {
      ...empty,
      observedAgreement: po,
      chanceAgreement: pe,
      reason: "both raters used one single category: chance agreement is 1, so κ is 0/0",
    };
  }
  if (rowCategories <= 1 || colCategories <= 1) {
    const who = rowCategories <= 1 ? "the first rater (rows)" : "the second rater (columns)";
    return {
      ...empty,
      observedAgreement: po,
      chanceAgreement: pe,
      reason: `${who} used one single category: κ is 0 by construction and uninformative`,
    };
  }

  const kappa = (po - pe) / (1 - pe);
  let a = 0;
  let b = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const p = table[i][j] / total;
      if (p === 0) continue;
      if (i === j) a += p * (1 - (rows[i] + cols[i]) * (1 - kappa)) ** 2;
      else b += p * (cols[i] + rows[j]) ** 2;
    }
  }
  const numerator = a + (1 - kappa) ** 2 * b - (kappa - pe * (1 - kappa)) ** 2;
  // Rounding can push an exact zero (perfect agreement or disagreement) slightly negative.
  const variance = effectiveN > 0 ? Math.max(0, numerator) / (effectiveN * (1 - pe) ** 2) : NaN;
  const se = Number.isFinite(variance) ? Math.sqrt(variance) : null;
  const ci = normalInterval(kappa, se, options.confidence ?? 0.95, -1, 1);
  return { kappa, se, ci, observedAgreement: po, chanceAgreement: pe, total, effectiveN, reason: null };
}

export type CohenKappaResult<T extends string> = KappaEstimate & {
  categories: T[];
  /** counts[i][j]: rater A said categories[i], rater B said categories[j]. */
  table: number[][];
  /** Pairs dropped because either label was missing. */
  skipped: number;
};

/**
 * Cohen's κ for two label sequences over any category set (e.g. preference labels
 * a / b / tie / both_bad). Pairs with a missing label (null/undefined) are skipped and counted.
 * Pass `categories` to fix the table order; otherwise they are taken in first-seen order.
 */
export function cohenKappa<T extends string>(
  raterA: readonly (T | null | undefined)[],
  raterB: readonly (T | null | undefined)[],
  options: { categories?: readonly T[]; confidence?: number } = {},
): CohenKappaResult<T> {
  if (raterA.length !== raterB.length) throw new RangeError(`rater sequences differ in length: ${raterA.length} vs ${raterB.length}`);
  const categories: T[] = options.categories ? [...options.categories] : [];
  const index = new Map<T, number>(categories.map((c, i) => [c, i]));
  const pairs: [number, number][] = [];
  let skipped = 0;
  for (let i = 0; i < raterA.length; i++) {
    const x = raterA[i];
    const y = raterB[i];
    if (x === null || x === undefined || y === null || y === undefined) {
      skipped++;
      continue;
    }
    for (const label of [x, y]) {
      if (index.has(label)) continue;
      if (options.categories) throw new RangeError(`label "${label}" is not among the given categories`);
      index.set(label, categories.length);
      categories.push(label);
    }
    pairs.push([index.get(x)!, index.get(y)!]);
  }
  const table = categories.map(() => new Array<number>(categories.length).fill(0));
  for (const [i, j] of pairs) table[i][j]++;
  return { ...kappaFromTable(table, { confidence: options.confidence }), categories, table, skipped };
}

/** Share of pairs with identical labels, skipping pairs with a missing label; null when none remain. */
export function percentAgreement<T>(raterA: readonly (T | null | undefined)[], raterB: readonly (T | null | undefined)[]): number | null {
  if (raterA.length !== raterB.length) throw new RangeError(`rater sequences differ in length: ${raterA.length} vs ${raterB.length}`);
  let n = 0;
  let same = 0;
  for (let i = 0; i < raterA.length; i++) {
    const x = raterA[i];
    const y = raterB[i];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    n++;
    if (x === y) same++;
  }
  return n === 0 ? null : same / n;
}
