import { describe, expect, it } from "vitest";
import { benjaminiHochberg, mcnemarExact, pairedDifference } from "./paired";

// References: an independent numpy/scipy implementation of Newcombe's method 10 and
// scipy.stats.binomtest / false_discovery_control (script in REFERENCES.md).
describe("pairedDifference (Newcombe method 10)", () => {
  const cases: [number, number, number, number, number, number, number][] = [
    // Altman et al. (2000), Statistics with Confidence, Table 6.2 (the worked example).
    [14, 5, 0, 22, 0.12195121951219512, 0.011483241383033263, 0.2264926843512112],
    [30, 12, 2, 16, 0.16666666666666663, 0.046039434062838946, 0.2792317067726802],
    [300, 48, 82, 170, -0.056666666666666754, -0.09354395715477837, -0.0195041174626773],
    [5, 0, 0, 5, 0, -0.16659315708122263, 0.16659315708122263],
    [0, 3, 0, 0, 1, 0.2059232824597782, 1],
  ];
  it.each(cases)("[[%i, %i], [%i, %i]]", (a, b, c, d, difference, lo, hi) => {
    const result = pairedDifference({ a, b, c, d });
    expect(result.difference).toBeCloseTo(difference, 14);
    expect(result.ci!.lo).toBeCloseTo(lo, 12);
    expect(result.ci!.hi).toBeCloseTo(hi, 12);
  });
  it("no items: nulls; bad counts throw", () => {
    expect(pairedDifference({ a: 0, b: 0, c: 0, d: 0 })).toMatchObject({ n: 0, difference: null, ci: null });
    expect(() => pairedDifference({ a: -1, b: 0, c: 0, d: 0 })).toThrow(RangeError);
  });
});

describe("mcnemarExact", () => {
  it("matches scipy binomtest on the discordant pairs", () => {
    expect(mcnemarExact(5, 0)).toBeCloseTo(0.0625, 15); // 2 · 0.5^5
    expect(mcnemarExact(12, 2)).toBeCloseTo(0.012939453125, 14);
    expect(mcnemarExact(48, 82)).toBeCloseTo(0.0036340112928066356, 13);
    expect(mcnemarExact(3, 0)).toBeCloseTo(0.25, 15);
    expect(mcnemarExact(4, 4)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
  });
  it("is symmetric and stays tiny but positive for lopsided large counts", () => {
    expect(mcnemarExact(82, 48)).toBe(mcnemarExact(48, 82));
    const p = mcnemarExact(400, 100);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-35);
  });
});

describe("benjaminiHochberg", () => {
  it("matches scipy.stats.false_discovery_control(method='bh')", () => {
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04]);
    const expected = [0.035, 0.056, 0.056, 0.035, 0.5, 0.23333333333333336, 0.056];
    adjusted.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 14));
    expect(benjaminiHochberg([])).toEqual([]);
  });
});
