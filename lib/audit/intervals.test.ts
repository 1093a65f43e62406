import { describe, expect, it } from "vitest";
import { meanDifferenceCI, normalInterval, wilson } from "./intervals";

describe("wilson", () => {
  // Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score interval):
  // 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605; 0/20 → 0–0.1611; 1/29 → 0.0061–0.1718.
  const newcombe: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  it.each(newcombe)("%s/%s → [%s, %s]", (x, n, lo, hi) => {
    const r = wilson(x, n);
    expect(r.ci!.lo).toBeCloseTo(lo, 4);
    expect(r.ci!.hi).toBeCloseTo(hi, 4);
    expect(r.p).toBeCloseTo(x / n, 12);
  });
  it("is exact at the ends and null without data", () => {
    // 29/29: upper end pinned to 1; lower = 0.8830302015 (numpy evaluation of the formula).
    const all = wilson(29, 29);
    expect(all.ci!.hi).toBe(1);
    expect(all.ci!.lo).toBeCloseTo(0.8830302015002593, 10);
    expect(wilson(0, 0)).toEqual({ successes: 0, n: 0, p: null, ci: null });
    expect(() => wilson(3, 2)).toThrow(RangeError);
  });
});

describe("meanDifferenceCI", () => {
  it("matches R t.test(paired = TRUE) on Student's sleep data", () => {
    // R: t.test(extra[group == 2], extra[group == 1], paired = TRUE) → mean 1.58,
    // 95% CI 0.7001142 – 2.4598858, t = 4.0621, df = 9 (also scipy.stats.ttest_1samp).
    const diffs = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];
    const r = meanDifferenceCI(diffs);
    expect(r.mean).toBeCloseTo(1.58, 12);
    expect(r.df).toBe(9);
    expect(r.ci!.lo).toBeCloseTo(0.7001142367230174, 9);
    expect(r.ci!.hi).toBeCloseTo(2.4598857632769824, 9);
    expect(r.mean! / r.se!).toBeCloseTo(4.062127683382037, 9);
  });
  it("handles tiny samples with null + reason", () => {
    expect(meanDifferenceCI([])).toMatchObject({ n: 0, mean: null, ci: null, reason: "no differences" });
    expect(meanDifferenceCI([0.3])).toMatchObject({ n: 1, mean: 0.3, ci: null });
    expect(meanDifferenceCI([0.2, 0.2]).ci).toEqual({ lo: 0.2, hi: 0.2 });
    expect(() => meanDifferenceCI([1, NaN])).toThrow(RangeError);
  });
});

describe("normalInterval", () => {
  it("clamps and handles a missing SE", () => {
    expect(normalInterval(0.9, 0.1, 0.95, 0, 1)).toEqual({ lo: 0.9 - 1.959963984540054 * 0.1, hi: 1 });
    expect(normalInterval(0.5, null)).toBeNull();
  });
});
