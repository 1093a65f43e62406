// Fleiss' κ for many raters (Fleiss 1971): each row is one item, each column one category, each
// cell the number of raters who put the item in that category.
//   P_i = Σ_j n_ij(n_ij − 1) / (n_i(n_i − 1)),  P̄ = mean_i P_i
//   p_j = Σ_i n_ij / Σ_i n_i,                   P̄_e = Σ_j p_j²
//   κ = (P̄ − P̄_e) / (1 − P̄_e)
// Fleiss assumes the same number of ratings per item. Ripe's items get a varying number of
// reviewers, so rows may differ: P_i uses each row's own n_i and p_j pools all ratings, which
// reduces exactly to Fleiss' formula when every n_i is equal. Rows with fewer than two ratings
// carry no agreement information and are skipped (counted in `skipped`).

export type FleissResult = {
  kappa: number | null;
  /** P̄: mean pairwise agreement within items. */
  observedAgreement: number | null;
  /** P̄_e: Σ p_j². */
  chanceAgreement: number | null;
  /** Share of all ratings in each category (column order of the input). */
  categoryShares: number[];
  /** Items used (≥ 2 ratings). */
  subjects: number;
  skipped: number;
  minRaters: number | null;
  maxRaters: number | null;
  reason: string | null;
};

export function fleissKappa(matrix: readonly (readonly number[])[]): FleissResult {
  const k = matrix[0]?.length ?? 0;
  const categoryTotals = new Array<number>(k).fill(0);
  let subjects = 0;
  let skipped = 0;
  let ratings = 0;
  let agreementSum = 0;
  let minRaters: number | null = null;
  let maxRaters: number | null = null;
  for (const row of matrix) {
    if (row.length !== k) throw new RangeError("every row needs the same number of categories");
    let n = 0;
    let pairsAgreeing = 0;
    for (const cell of row) {
      if (!Number.isInteger(cell) || cell < 0) throw new RangeError(`counts must be non-negative integers, got ${cell}`);
      n += cell;
      pairsAgreeing += cell * (cell - 1);
    }
    if (n < 2) {
      skipped++;
      continue;
    }
    subjects++;
    ratings += n;
    agreementSum += pairsAgreeing / (n * (n - 1));
    row.forEach((cell, j) => (categoryTotals[j] += cell));
    minRaters = minRaters === null ? n : Math.min(minRaters, n);
    maxRaters = maxRaters === null ? n : Math.max(maxRaters, n);
  }
  const categoryShares = categoryTotals.map((c) => (ratings > 0 ? c / ratings : 0));
  const base = { categoryShares, subjects, skipped, minRaters, maxRaters };
  if (subjects === 0) {
    return { ...base, kappa: null, observedAgreement: null, chanceAgreement: null, reason: "no item has two or more ratings" };
  }
  const observed = agreementSum / subjects;
  let chance = 0;
  for (const p of categoryShares) chance += p * p;
  if (1 - chance < 1e-12) {
    return {
      ...base,
      kappa: null,
      observedAgreement: observed,
      chanceAgreement: chance,
      reason: "every rating is in one category: chance agreement is 1, so κ is 0/0",
    };
  }
  return { ...base, kappa: (observed - chance) / (1 - chance), observedAgreement: observed, chanceAgreement: chance, reason: null };
}

/**
 * Turn item × rater labels (null = that rater did not rate the item) into the item × category
 * count matrix fleissKappa takes, with columns in the order of `categories`.
 */
export function countsByCategory<T>(ratings: readonly (readonly (T | null | undefined)[])[], categories: readonly T[]): number[][] {
  const index = new Map<T, number>(categories.map((c, i) => [c, i]));
  return ratings.map((row) => {
    const counts = new Array<number>(categories.length).fill(0);
    for (const label of row) {
      if (label === null || label === undefined) continue;
      const j = index.get(label);
      if (j === undefined) throw new RangeError(`label ${String(label)} is not among the categories`);
      counts[j]++;
    }
    return counts;
  });
}
