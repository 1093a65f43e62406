import { describe, expect, it } from "vitest";
import { fleissKappa, countsByCategory } from "../audit";
import { krippendorffAlphaNominal } from "./krippendorff";
import { FLEISS_1971, KRIPPENDORFF_2011 } from "./reference-data";

describe("krippendorffAlphaNominal", () => {
  it("reproduces Krippendorff (2011)'s 4-observer, 12-unit example with missing values: nominal α = 0.743", () => {
    // Units are the columns of his reliability-data matrix; unit 12 has one value and is not pairable.
    const units = KRIPPENDORFF_2011.units();
    const r = krippendorffAlphaNominal(units);
    expect(r.alpha).toBeCloseTo(0.743, 3);
    expect(r.alpha).toBeCloseTo(113 / 152, 12); // exact fraction, REFERENCES.md
    expect(r).toMatchObject({ units: 11, pairable: 40, reason: null });
  });

  it("on complete data equals 1 − (n−1)/n · (1 − Fleiss' κ): Fleiss (1971), n = 180 values", () => {
    const k = fleissKappa(countsByCategory(FLEISS_1971, [1, 2, 3, 4, 5])).kappa!;
    expect(k).toBeCloseTo(0.43, 3);
    const r = krippendorffAlphaNominal(FLEISS_1971);
    expect(r.alpha).toBeCloseTo(1 - (179 / 180) * (1 - k), 12);
    expect(r.alpha).toBeCloseTo(0.43340982828202895, 12);
  });

  it("treats null and undefined as missing, whatever the unit's length", () => {
    const withGaps = krippendorffAlphaNominal([["a", null, "a"], [undefined, "b", "b"], ["a", "b", null, null], ["b"]]);
    const packed = krippendorffAlphaNominal([["a", "a"], ["b", "b"], ["a", "b"], ["b"]]);
    expect(withGaps.alpha).toBeCloseTo(packed.alpha!, 12);
    // Hand: o_aa = o_bb = 2, o_ab = o_ba = 1; n_a = n_b = 3, n = 6 → α = 1 − 5·2/18 = 4/9.
    expect(packed.alpha).toBeCloseTo(4 / 9, 12);
    expect(packed).toMatchObject({ units: 3, pairable: 6 });
  });

  it("perfect agreement across categories is 1; systematic disagreement is negative", () => {
    expect(
      krippendorffAlphaNominal([
        ["a", "a"],
        ["b", "b", "b"],
      ]).alpha,
    ).toBeCloseTo(1, 12);
    // Hand: o_ab = o_ba = 2, n = 4 → α = 1 − 3·4/8 = −1/2.
    expect(
      krippendorffAlphaNominal([
        ["a", "b"],
        ["b", "a"],
      ]).alpha,
    ).toBeCloseTo(-0.5, 12);
  });

  it("undefined cases are null with a reason, never NaN", () => {
    expect(krippendorffAlphaNominal([])).toMatchObject({ alpha: null, units: 0, reason: "no unit has two or more values" });
    expect(krippendorffAlphaNominal([["a"], [null, "b"]])).toMatchObject({ alpha: null, units: 0 });
    const one = krippendorffAlphaNominal([
      ["a", "a"],
      ["a", "a", "a"],
    ]);
    expect(one.alpha).toBeNull();
    expect(one.observedDisagreement).toBe(0);
    expect(one.reason).toMatch(/one category/);
  });
});
