// Krippendorff's α for nominal data with missing values (Krippendorff 2011, "Computing
// Krippendorff's Alpha-Reliability", §C). Each unit holds the values its coders gave (a coder who
// did not code the unit is simply absent). Units with fewer than two values are not pairable and
// are left out. From the coincidence matrix
//   o_ck = Σ_u (number of c–k pairs of values in u, ordered, from different coders) / (m_u − 1)
//   n_c = Σ_k o_ck,  n = Σ_c n_c  (the pairable values)
// nominal α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k,
// i.e. 1 − D_o/D_e with D_o = Σ_{c≠k} o_ck / n and D_e = Σ_{c≠k} n_c·n_k / (n(n − 1)).

export type AlphaResult = {
  /** null when undefined; see reason. */
  alpha: number | null;
  /** Units with at least two values. */
  units: number;
  /** n: values in those units. */
  pairable: number;
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
  reason: string | null;
};

/** `units[u]` lists the values coded for unit u; null/undefined entries are missing values. */
export function krippendorffAlphaNominal<T>(units: readonly (readonly (T | null | undefined)[])[]): AlphaResult {
  const index = new Map<T, number>();
  const counted: number[][] = [];
  for (const unit of units) {
    const counts: number[] = [];
    for (const value of unit) {
      if (value === null || value === undefined) continue;
      let c = index.get(value);
      if (c === undefined) index.set(value, (c = index.size));
      counts[c] = (counts[c] ?? 0) + 1;
    }
    counted.push(counts);
  }
  const k = index.size;
  // n_c accumulates the coincidences; `agreeing` = Σ_c o_cc (the diagonal).
  const totals = new Array<number>(k).fill(0);
  let agreeing = 0;
  let used = 0;
  for (const counts of counted) {
    let m = 0;
    for (const count of counts) m += count ?? 0;
    if (m < 2) continue;
    used++;
    for (let c = 0; c < counts.length; c++) {
      const count = counts[c] ?? 0;
      if (count === 0) continue;
      // Each value pairs with the m − 1 others, weighted 1/(m − 1): each value contributes 1 to n_c.
      totals[c] += count;
      agreeing += (count * (count - 1)) / (m - 1);
    }
  }
  const n = totals.reduce((sum, value) => sum + value, 0);
  if (used === 0)
    return {
      alpha: null,
      units: 0,
      pairable: 0,
      observedDisagreement: null,
      expectedDisagreement: null,
      reason: "no unit has two or more values",
    };
  const observedOff = n - agreeing; // Σ_{c≠k} o_ck
  let expectedOff = n * n; // Σ_{c≠k} n_c·n_k = n² − Σ n_c²
  for (const total of totals) expectedOff -= total * total;
  const observedDisagreement = observedOff / n;
  const expectedDisagreement = expectedOff / (n * (n - 1));
  if (expectedOff <= 1e-12) {
    return {
      alpha: null,
      units: used,
      pairable: n,
      observedDisagreement,
      expectedDisagreement,
      reason: "every value is in one category: expected disagreement is 0, so α is 0/0",
    };
  }
  return {
    alpha: 1 - ((n - 1) * observedOff) / expectedOff,
    units: used,
    pairable: n,
    observedDisagreement,
    expectedDisagreement,
    reason: null,
  };
}
