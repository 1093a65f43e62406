import { describe, expect, it } from "vitest";
import { cohenKappa, kappaFromTable, percentAgreement } from "./kappa";

describe("kappaFromTable", () => {
  it("matches the SAS PROC FREQ printout reproduced in statsmodels' test_inter_rater.py", () => {
    // SAS "Simple Kappa Coefficient" for [[0,4,1],[0,8,0],[0,1,5]]: κ 0.4842, ASE 0.1380,
    // 95% CI 0.2137 – 0.7547 (statsmodels/stats/tests/test_inter_rater.py, UnweightedCohens).
    const r = kappaFromTable([
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ]);
    expect(r.kappa).toBeCloseTo(0.4842, 4);
    expect(r.se).toBeCloseTo(0.138, 4);
    expect(r.ci!.lo).toBeCloseTo(0.2137, 4);
    expect(r.ci!.hi).toBeCloseTo(0.7547, 4);
    expect(r.reason).toBeNull();
  });

  it("matches R vcd::Kappa(SexualFun): κ 0.1293, ASE 0.06860", () => {
    // Agresti (1990) husband × wife ratings, n = 91; vcd's documented example output.
    // Cross-checked with an independent numpy implementation of the FCE formula: 0.0685985.
    const r = kappaFromTable([
      [7, 7, 2, 3],
      [2, 8, 3, 7],
      [1, 5, 4, 9],
      [2, 8, 9, 14],
    ]);
    expect(r.kappa).toBeCloseTo(0.1293302540415705, 10);
    expect(r.se).toBeCloseTo(0.0686, 4);
    expect(r.se).toBeCloseTo(0.06859853248070859, 10);
  });

  it("Wikipedia's Cohen's κ example: 20/5/10/15 gives p_o 0.7, p_e 0.5, κ 0.4", () => {
    const r = kappaFromTable([
      [20, 5],
      [10, 15],
    ]);
    expect(r.observedAgreement).toBeCloseTo(0.7, 12);
    expect(r.chanceAgreement).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
    // SE: FCE formula evaluated with numpy (REFERENCES.md): 0.12699606293110033.
    expect(r.se).toBeCloseTo(0.12699606293110033, 10);
  });

  it("perfect agreement: κ 1, SE 0, CI [1, 1]", () => {
    const r = kappaFromTable([
      [6, 0],
      [0, 4],
    ]);
    expect(r.kappa).toBe(1);
    expect(r.se).toBeCloseTo(0, 12);
    expect(r.ci).toEqual({ lo: 1, hi: 1 });
  });

  it("perfect disagreement: balanced gives κ −1; unbalanced clamps the CI at −1", () => {
    const balanced = kappaFromTable([
      [0, 5],
      [5, 0],
    ]);
    expect(balanced.kappa).toBeCloseTo(-1, 12);
    expect(balanced.observedAgreement).toBe(0);
    // Hand: p_e = .3·.7 + .7·.3 = .42, κ = −.42/.58 = −0.724138; SE (numpy FCE) 0.344623.
    const unbalanced = kappaFromTable([
      [0, 3],
      [7, 0],
    ]);
    expect(unbalanced.kappa).toBeCloseTo(-0.42 / 0.58, 12);
    expect(unbalanced.se).toBeCloseTo(0.34462251477263817, 10);
    expect(unbalanced.ci!.lo).toBe(-1);
    expect(unbalanced.ci!.hi).toBeCloseTo(-0.04869021381848915, 8);
  });

  it("empty and single-category tables give null with a reason, never NaN", () => {
    const empty = kappaFromTable([
      [0, 0],
      [0, 0],
    ]);
    expect(empty).toMatchObject({ kappa: null, se: null, ci: null, observedAgreement: null, chanceAgreement: null, reason: "no labels" });
    const same = kappaFromTable([
      [9, 0],
      [0, 0],
    ]);
    expect(same.kappa).toBeNull();
    expect(same.observedAgreement).toBe(1);
    expect(same.reason).toMatch(/both raters/);
    const oneSided = kappaFromTable([
      [6, 4],
      [0, 0],
    ]);
    expect(oneSided.kappa).toBeNull();
    expect(oneSided.observedAgreement).toBeCloseTo(0.6, 12);
    expect(oneSided.reason).toMatch(/first rater/);
  });

  it("rejects malformed tables", () => {
    expect(() => kappaFromTable([[1, 2]])).toThrow(RangeError);
    expect(() =>
      kappaFromTable([
        [1, -1],
        [0, 1],
      ]),
    ).toThrow(RangeError);
  });
});

describe("cohenKappa on preference labels", () => {
  const a = ["a", "a", "b", "b", "tie", "both_bad", "a", "b", "tie", "a"] as const;
  const b = ["a", "b", "b", "b", "tie", "a", "a", "b", "both_bad", "a"] as const;
  const categories = ["a", "b", "tie", "both_bad"] as const;

  it("matches the hand computation: p_o 0.7, p_e 0.31, κ 13/23", () => {
    // Marginals A: a4 b3 tie2 bb1; B: a4 b4 tie1 bb1 → p_e = (16+12+2+1)/100 = 0.31.
    const r = cohenKappa(a, b, { categories });
    expect(r.table).toEqual([
      [3, 1, 0, 0],
      [0, 3, 0, 0],
      [0, 0, 1, 1],
      [1, 0, 0, 0],
    ]);
    expect(r.observedAgreement).toBeCloseTo(0.7, 12);
    expect(r.chanceAgreement).toBeCloseTo(0.31, 12);
    expect(r.kappa).toBeCloseTo(13 / 23, 12);
    // SE: numpy FCE evaluation, 0.19328351168010893.
    expect(r.se).toBeCloseTo(0.19328351168010893, 10);
  });

  it("skips pairs with a missing label and infers categories in first-seen order", () => {
    const r = cohenKappa([...a, null, "a"], [...b, "a", undefined]);
    expect(r.skipped).toBe(2);
    expect(r.total).toBe(10);
    expect(r.categories).toEqual(["a", "b", "tie", "both_bad"]);
    expect(r.kappa).toBeCloseTo(13 / 23, 12);
  });

  it("throws on unequal lengths or unknown labels", () => {
    expect(() => cohenKappa(["a"], [])).toThrow(RangeError);
    expect(() => cohenKappa(["a"], ["x" as "a"], { categories: ["a"] })).toThrow(RangeError);
  });
});

describe("percentAgreement", () => {
  it("counts identical labels, skipping missing ones", () => {
    expect(percentAgreement(["a", "b", null, "tie"], ["a", "a", "a", "tie"])).toBeCloseTo(2 / 3, 12);
    expect(percentAgreement([], [])).toBeNull();
    expect(percentAgreement([null], ["a"])).toBeNull();
  });
});
