import { describe, expect, it } from "vitest";
import { reliability } from "./calibration";

describe("reliability", () => {
  // Hand-computed (and re-checked with numpy): 10 bins,
  // bin 0: {0.05 → 0}            conf 0.05  acc 0    |gap| 0.05
  // bin 1: {0.15 → 0, 0.15 → 1}  conf 0.15  acc 0.5  |gap| 0.35
  // bin 5: {0.55 → 1}            conf 0.55  acc 1    |gap| 0.45
  // bin 6: {0.65 → 0}            conf 0.65  acc 0    |gap| 0.65
  // bin 9: {0.95, 0.95, 1.0 → 1} conf 0.9667 acc 1  |gap| 0.0333
  // ECE = (0.05 + 2·0.35 + 0.45 + 0.65 + 3·0.0333)/8 = 0.24375; MCE = 0.65;
  // Brier = mean (s − y)² = 0.1721875.
  const scores = [0.05, 0.15, 0.15, 0.55, 0.65, 0.95, 0.95, 1.0];
  const outcomes: (0 | 1)[] = [0, 0, 1, 1, 0, 1, 1, 1];

  it("bins, ECE, MCE and Brier match the hand computation", () => {
    const r = reliability(scores, outcomes);
    expect(r.n).toBe(8);
    expect(r.bins).toHaveLength(10);
    expect(r.bins.map((b) => b.count)).toEqual([1, 2, 0, 0, 0, 1, 1, 0, 0, 3]);
    expect(r.bins[1]).toMatchObject({ lo: 0.1, hi: 0.2, count: 2, accRate: 0.5 });
    expect(r.bins[1].meanScore).toBeCloseTo(0.15, 12);
    expect(r.bins[9].meanScore).toBeCloseTo(2.9 / 3, 12);
    expect(r.bins[2]).toEqual({ lo: 0.2, hi: 0.3, count: 0, meanScore: null, accRate: null, gap: null });
    expect(r.ece).toBeCloseTo(0.24375, 12);
    expect(r.mce).toBeCloseTo(0.65, 12);
    expect(r.brier).toBeCloseTo(0.1721875, 12);
  });

  it("a score of exactly 1 lands in the last bin; custom bin counts work", () => {
    const r = reliability([1, 0, 0.5], [1, 0, 1], 2);
    expect(r.bins.map((b) => b.count)).toEqual([1, 2]);
    // bin 1 = {0.5 → 1, 1 → 1}: conf 0.75, acc 1; bin 0 = {0 → 0}: perfect. ECE = (2/3)·0.25.
    expect(r.ece).toBeCloseTo(1 / 6, 12);
  });

  it("perfect calibration gives ECE 0; empty input gives nulls", () => {
    expect(reliability([0, 0, 1, 1], [0, 0, 1, 1]).ece).toBe(0);
    const empty = reliability([], []);
    expect(empty).toMatchObject({ n: 0, ece: null, mce: null, brier: null });
    expect(empty.bins.every((b) => b.count === 0 && b.meanScore === null)).toBe(true);
  });

  it("rejects invalid input", () => {
    expect(() => reliability([1.2], [1])).toThrow(RangeError);
    expect(() => reliability([0.5], [])).toThrow(RangeError);
    expect(() => reliability([0.5], [1], 0)).toThrow(RangeError);
  });
});
