import { describe, expect, it } from "vitest";
import { countsByCategory, fleissKappa } from "./fleiss";
import { FLEISS_1971 } from "../agreement/reference-data";

// Wikipedia "Fleiss' kappa" worked example: 10 subjects, 14 raters, 5 categories;
// P̄ = 0.378, P̄_e = 0.213, κ = 0.210 (also statsmodels' test_fleiss_kappa).
const wikipedia = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

// Fleiss (1971) Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses (1 depression,
// 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other), as rater-level data in R irr's
// `diagnoses` (copied in statsmodels' test_inter_rater.py). irr::kappam.fleiss → κ = 0.4302445;
// Fleiss reports 0.430. Category totals 26, 26, 30, 55, 43.
const diagnoses = FLEISS_1971;

describe("fleissKappa", () => {
  it("reproduces Wikipedia's worked example (κ = 0.210)", () => {
    const r = fleissKappa(wikipedia);
    expect(r.observedAgreement).toBeCloseTo(0.378, 3);
    expect(r.chanceAgreement).toBeCloseTo(0.213, 3);
    expect(r.kappa).toBeCloseTo(0.21, 3);
    expect(r.categoryShares.map((p) => +p.toFixed(3))).toEqual([0.143, 0.2, 0.279, 0.15, 0.229]);
    expect(r).toMatchObject({ subjects: 10, skipped: 0, minRaters: 14, maxRaters: 14, reason: null });
  });

  it("reproduces Fleiss (1971) psychiatric diagnoses (irr: κ = 0.4302445)", () => {
    const counts = countsByCategory(diagnoses, [1, 2, 3, 4, 5]);
    const totals = [0, 1, 2, 3, 4].map((j) => counts.reduce((s, row) => s + row[j], 0));
    expect(totals).toEqual([26, 26, 30, 55, 43]);
    expect(fleissKappa(counts).kappa).toBeCloseTo(0.4302445, 7);
  });

  it("handles a varying number of raters and skips items with fewer than two", () => {
    // Hand: P_i = 1, 0, 1 → P̄ = 2/3; p = (6/7, 1/7) → P̄_e = 37/49; κ = −13/36.
    const r = fleissKappa([
      [2, 0],
      [1, 1],
      [3, 0],
      [1, 0],
    ]);
    expect(r.kappa).toBeCloseTo(-13 / 36, 12);
    expect(r).toMatchObject({ subjects: 3, skipped: 1, minRaters: 2, maxRaters: 3 });
  });

  it("all raters agree on every item across categories: κ = 1", () => {
    expect(
      fleissKappa([
        [3, 0],
        [0, 3],
        [3, 0],
      ]).kappa,
    ).toBeCloseTo(1, 12);
  });

  it("no ratings or a single category: null with a reason", () => {
    expect(fleissKappa([])).toMatchObject({ kappa: null, observedAgreement: null, reason: "no item has two or more ratings" });
    expect(fleissKappa([[1, 0]]).kappa).toBeNull();
    const one = fleissKappa([
      [4, 0],
      [3, 0],
    ]);
    expect(one.kappa).toBeNull();
    expect(one.observedAgreement).toBe(1);
    expect(one.reason).toMatch(/one category/);
  });

  it("rejects non-integer counts and ragged rows", () => {
    expect(() => fleissKappa([[1.5, 1]])).toThrow(RangeError);
    expect(() => fleissKappa([[1, 1], [2]])).toThrow(RangeError);
    expect(() => countsByCategory([["x"]], ["a"])).toThrow(RangeError);
  });
});
