// Published reliability data used by the tests (sources in REFERENCES.md).

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: 4 observers × 12 units,
 * values 1–5, null = the observer did not code the unit. Nominal α = 0.743.
 */
export const KRIPPENDORFF_2011 = {
  observers: {
    A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  } as Record<"A" | "B" | "C" | "D", (number | null)[]>,
  /** Units (columns) with one entry per observer, nulls kept. */
  units(): (number | null)[][] {
    const { A, B, C, D } = this.observers;
    return A.map((_, u) => [A[u], B[u], C[u], D[u]]);
  },
};

/**
 * Fleiss (1971) Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses (1 depression,
 * 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other), rater-level as in R irr's
 * `diagnoses`. κ = 0.430 (irr::kappam.fleiss: 0.4302445).
 */
export const FLEISS_1971: number[][] = [
  [4, 4, 4, 4, 4, 4],
  [2, 2, 2, 5, 5, 5],
  [2, 3, 3, 3, 3, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3],
  [3, 3, 3, 3, 5, 5],
  [1, 1, 3, 3, 3, 4],
  [1, 1, 4, 4, 4, 4],
  [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4],
  [1, 2, 4, 4, 4, 4],
  [2, 2, 2, 3, 3, 3],
  [1, 4, 4, 4, 4, 4],
  [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5],
  [1, 1, 1, 4, 5, 5],
  [1, 1, 1, 1, 1, 2],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5],
  [2, 4, 4, 4, 4, 4],
  [2, 2, 4, 5, 5, 5],
  [1, 1, 4, 4, 4, 4],
  [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4],
  [1, 1, 1, 1, 5, 5],
  [2, 2, 4, 4, 4, 4],
  [1, 3, 3, 3, 3, 3],
  [5, 5, 5, 5, 5, 5],
];
