import { describe, expect, it } from "vitest";
import { fleissAtModalCount } from "./fleiss-modal";
import { FLEISS_1971, KRIPPENDORFF_2011 } from "./reference-data";

describe("fleissAtModalCount", () => {
  it("reproduces Fleiss (1971): 30 subjects × 6 raters × 5 categories, κ = 0.430", () => {
    const r = fleissAtModalCount(FLEISS_1971, [1, 2, 3, 4, 5]);
    expect(r).toMatchObject({ raters: 6, items: 30, reason: null });
    expect(r.kappa).toBeCloseTo(0.43, 3);
    expect(r.kappa).toBeCloseTo(0.4302445, 7);
  });

  it("on Krippendorff's data (counts 3,4,4,4,4,4,4,4,4,3,2,1) takes m = 4 and its 8 units", () => {
    const units = KRIPPENDORFF_2011.units().map((unit) => unit.filter((value): value is number => value !== null));
    const r = fleissAtModalCount(units, [1, 2, 3, 4, 5]);
    expect(r.raters).toBe(4);
    expect(r.items).toBe(8);
    expect(r.used).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Fleiss' formula on those 8 units, exact: 229/357 (REFERENCES.md).
    expect(r.kappa).toBeCloseTo(0.6414565826330533, 12);
  });

  it("a tie between counts goes to the larger m; items with one rating never count", () => {
    const r = fleissAtModalCount([["a", "a"], ["a", "b"], ["a", "a", "a"], ["b", "b", "a"], ["a"], ["b"], ["a"]], ["a", "b"]);
    expect(r.raters).toBe(3);
    expect(r.used).toEqual([2, 3]);
  });

  it("no item with two ratings, or one category only: null with a reason", () => {
    expect(fleissAtModalCount([["a"], []], ["a", "b"])).toMatchObject({
      raters: null,
      items: 0,
      kappa: null,
      reason: "no item has two or more verdicts",
    });
    const same = fleissAtModalCount(
      [
        ["a", "a"],
        ["a", "a"],
      ],
      ["a", "b"],
    );
    expect(same).toMatchObject({ raters: 2, items: 2, kappa: null });
    expect(same.reason).toMatch(/one category/);
  });
});
