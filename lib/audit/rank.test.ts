import { describe, expect, it } from "vitest";
import { averageRanks, pearson, spearman } from "./rank";

describe("averageRanks", () => {
  it("gives tied values the mean of their ranks (hand-computed, = scipy.stats.rankdata)", () => {
    // x = 1, 2, 2, 3, 4, 4, 4, 5 → ranks 1, 2.5, 2.5, 4, 6, 6, 6, 8.
    expect(averageRanks([1, 2, 2, 3, 4, 4, 4, 5])).toEqual([1, 2.5, 2.5, 4, 6, 6, 6, 8]);
    // y = 2, 1, 3, 3, 5, 4, 6, 6 → ranks 2, 1, 3.5, 3.5, 6, 5, 7.5, 7.5 (input order kept).
    expect(averageRanks([2, 1, 3, 3, 5, 4, 6, 6])).toEqual([2, 1, 3.5, 3.5, 6, 5, 7.5, 7.5]);
    expect(averageRanks([])).toEqual([]);
  });
});

describe("spearman", () => {
  it("matches scipy.stats.spearmanr with ties", () => {
    // spearmanr([1,2,2,3,4,4,4,5], [2,1,3,3,5,4,6,6]) = 0.9007775105401477 (scipy 1.17.1).
    expect(spearman([1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 3, 3, 5, 4, 6, 6]).rho).toBeCloseTo(0.9007775105401477, 12);
    // Judge overall vs a 1–5 human rating, ties on both sides: scipy 0.9094460532485359.
    const overall = [0.91, 0.85, 0.85, 0.62, 0.7, 0.7, 0.33, 0.5, 0.91, 0.12];
    const rating = [5, 4, 5, 3, 4, 3, 1, 2, 4, 1];
    expect(spearman(overall, rating).rho).toBeCloseTo(0.9094460532485359, 12);
  });

  it("is ±1 for monotone data and null when a side is constant or too short", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 1000]).rho).toBe(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1]).rho).toBe(-1);
    expect(spearman([1, 2, 3], [5, 5, 5])).toMatchObject({ rho: null, n: 3, reason: "one of the variables is constant" });
    expect(spearman([1], [2]).rho).toBeNull();
    expect(spearman([], []).rho).toBeNull();
    expect(() => spearman([1, 2], [1])).toThrow(RangeError);
  });

  it("pearson: textbook value", () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: Sxy = 6, Sxx = 10, Syy = 6 → r = 6/√60 = 0.7745967.
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).rho).toBeCloseTo(6 / Math.sqrt(60), 12);
  });
});
