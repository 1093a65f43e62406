import { describe, expect, it } from "vitest";
import { confusion } from "./confusion";
import { bestThreshold, defaultThresholds, exactOptima, thresholdSweep, type SweepItem } from "./threshold";

// Ten items: at 0.7 the judge passes {.95 p, .9 p, .8 p, .75 f, .7 p} and fails
// {.65 f, .6 p, .5 f, .3 f, .1 f} → table [[4,1],[1,4]], agreement 0.8, κ 0.6 (hand).
const items: SweepItem[] = [
  { overall: 0.95, human: "pass" },
  { overall: 0.9, human: "pass" },
  { overall: 0.8, human: "pass" },
  { overall: 0.75, human: "fail" },
  { overall: 0.7, human: "pass" },
  { overall: 0.65, human: "fail" },
  { overall: 0.6, human: "pass" },
  { overall: 0.5, human: "fail" },
  { overall: 0.3, human: "fail" },
  { overall: 0.1, human: "fail" },
];

const row = (sweep: ReturnType<typeof thresholdSweep>, t: number) => sweep.rows.find((r) => r.threshold === t)!;

describe("thresholdSweep", () => {
  const sweep = thresholdSweep(items, { currentThreshold: 0.7 });

  it("uses the 0..1 step 0.01 grid with exact literals", () => {
    expect(sweep.rows).toHaveLength(101);
    expect(defaultThresholds()[70]).toBe(0.7);
    expect(sweep.current.threshold).toBe(0.7);
  });

  it("matches the hand-computed rows", () => {
    expect(row(sweep, 0.7)).toMatchObject({ agreement: 0.8, flips: 0, judgePassRate: 0.5 });
    expect(row(sweep, 0.7).kappa).toBeCloseTo(0.6, 12);
    // 0.61–0.65 add the .65 fail: [[4,2],[1,3]] → agreement 0.7, p_e 0.5, κ 0.4, 1 flip.
    expect(row(sweep, 0.65)).toMatchObject({ agreement: 0.7, flips: 1, judgePassRate: 0.6 });
    expect(row(sweep, 0.65).kappa).toBeCloseTo(0.4, 12);
    // 0.6: [[5,2],[0,3]] → agreement 0.8, p_e 0.5, κ 0.6, 2 flips.
    expect(row(sweep, 0.6).kappa).toBeCloseTo(0.6, 12);
    expect(row(sweep, 0.6).flips).toBe(2);
    // 0 passes everything and 0.96+ fails everything: κ undefined (null); agreement = the
    // human pass (or fail) rate, 5/10.
    expect(row(sweep, 0)).toMatchObject({ kappa: null, agreement: 0.5, judgePassRate: 1, flips: 5 });
    expect(row(sweep, 1)).toMatchObject({ kappa: null, agreement: 0.5, judgePassRate: 0 });
  });

  it("best = max κ; ties go to the threshold closest to the current one", () => {
    // κ = 0.6 on 0.52–0.60, 0.66–0.70 and 0.76–0.80: 0.7 is the current threshold itself.
    expect(sweep.best!.threshold).toBe(0.7);
    // From 0.62 the nearest κ-0.6 threshold is 0.60.
    expect(thresholdSweep(items, { currentThreshold: 0.62 }).best!.threshold).toBe(0.6);
    // From 0.73, 0.70 and 0.76 are equally near with equal agreement: the lower one wins.
    expect(thresholdSweep(items, { currentThreshold: 0.73 }).best!.threshold).toBe(0.7);
  });

  it("then prefers higher agreement", () => {
    const rows = [
      { threshold: 0.6, kappa: 0.5, agreement: 0.7, flips: 0, judgePassRate: 0.5 },
      { threshold: 0.8, kappa: 0.5, agreement: 0.9, flips: 0, judgePassRate: 0.5 },
      { threshold: 0.9, kappa: null, agreement: 0.95, flips: 0, judgePassRate: 0 },
    ];
    expect(bestThreshold(rows, 0.7)!.threshold).toBe(0.8);
    expect(bestThreshold([rows[2]], 0.7)).toBeNull();
  });

  it("agrees with a brute-force recomputation through confusion()", () => {
    // Deterministic pseudo-random items on a 0.01 grid, so many overalls tie with thresholds.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const many: SweepItem[] = Array.from({ length: 300 }, () => {
      const overall = Math.round(next() * 100) / 100;
      return { overall, human: next() < overall ? "pass" : "fail" };
    });
    const fast = thresholdSweep(many, { currentThreshold: 0.7 });
    for (const r of fast.rows) {
      const c = confusion(many.map((i) => ({ judge: i.overall >= r.threshold ? "pass" : "fail", human: i.human })));
      const flips = many.filter((i) => i.overall >= r.threshold !== i.overall >= 0.7).length;
      expect(r.agreement).toBeCloseTo(c.accuracy!, 12);
      expect(r.judgePassRate).toBeCloseTo(c.judgePassRate!, 12);
      expect(r.flips).toBe(flips);
      if (c.kappa.kappa === null) expect(r.kappa).toBeNull();
      else expect(r.kappa).toBeCloseTo(c.kappa.kappa, 12);
    }
  });

  it("stays fast at scale: 200K items × 101 thresholds", () => {
    // One sort plus a binary search per threshold; a naive O(n·T) loop would be ~20M steps.
    const big: SweepItem[] = Array.from({ length: 200_000 }, (_, i) => ({
      overall: ((i * 7919) % 1000) / 1000,
      human: i % 3 === 0 ? "fail" : "pass",
    }));
    const started = performance.now();
    const s = thresholdSweep(big, { currentThreshold: 0.7 });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(s.current.judgePassRate).toBeCloseTo(0.3, 12);
  });

  it("no items: every row is null, best is null", () => {
    const empty = thresholdSweep([], { currentThreshold: 0.7 });
    expect(empty.best).toBeNull();
    expect(empty.rows.every((r) => r.kappa === null && r.agreement === null && r.flips === 0)).toBe(true);
  });

  it("custom grids and off-grid current thresholds", () => {
    const s = thresholdSweep(items, { currentThreshold: 0.72, thresholds: [0.5, 0.7, 0.9] });
    expect(s.rows.map((r) => r.threshold)).toEqual([0.5, 0.7, 0.9]);
    expect(s.current.threshold).toBe(0.72);
    expect(s.current.kappa).toBeCloseTo(0.4, 12);
    expect(row(s, 0.7).flips).toBe(1);
  });
});

describe("exactOptima", () => {
  it("finds the optimum the 0.01 grid steps over", () => {
    // People accept from 0.6545 up: the cut (0.6543, 0.6545] agrees perfectly; 0.65 and 0.66 do not.
    const close: SweepItem[] = [
      { overall: 0.3, human: "fail" },
      { overall: 0.5, human: "fail" },
      { overall: 0.652, human: "fail" },
      { overall: 0.6543, human: "fail" },
      { overall: 0.6545, human: "pass" },
      { overall: 0.657, human: "pass" },
      { overall: 0.8, human: "pass" },
      { overall: 0.9, human: "pass" },
    ];
    const grid = thresholdSweep(close, { currentThreshold: 0.7 });
    expect(grid.best!.kappa).toBeCloseTo(0.5, 12); // 0.65 or 0.66: 6 of 8 right, balanced → κ 0.5
    const exact = exactOptima(close, 0.7);
    expect(exact.cuts).toBe(9);
    expect(exact.kappa).toMatchObject({ lo: 0.6543, hi: 0.6545, kappa: 1, agreement: 1, judgePassRate: 0.5 });
    expect(exact.kappa!.threshold).toBeCloseTo(0.6544, 12);
    expect(exact.accuracy!.threshold).toBeCloseTo(0.6544, 12);
  });

  it("keeps the current threshold when it lies in the best cut, and handles ties like the grid", () => {
    const exact = exactOptima(items, 0.7);
    // κ 0.6 on (0.5, 0.6], (0.65, 0.7] and (0.75, 0.8]: 0.7 is inside the middle one.
    expect(exact.kappa).toMatchObject({ threshold: 0.7, lo: 0.65, hi: 0.7 });
    expect(exact.kappa!.kappa).toBeCloseTo(0.6, 12);
    // From 0.62 the nearest κ-0.6 cut is (0.5, 0.6]: its middle, 0.55.
    expect(exactOptima(items, 0.62).kappa!.threshold).toBeCloseTo(0.55, 12);
    expect(exactOptima([], 0.7)).toEqual({ cuts: 0, kappa: null, accuracy: null });
    // One class only: κ is undefined at every cut; accuracy still has an optimum.
    const allPass = exactOptima(
      [
        { overall: 0.2, human: "pass" },
        { overall: 0.9, human: "pass" },
      ],
      0.7,
    );
    expect(allPass.kappa).toBeNull();
    expect(allPass.accuracy).toMatchObject({ lo: null, hi: 0.2, agreement: 1 });
  });

  it("equals brute force over every cut, and is never worse than the grid (continuous scores)", () => {
    let seed = 777;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 20; round++) {
      const many: SweepItem[] = Array.from({ length: 150 }, () => {
        const overall = Math.round(next() * 1e6) / 1e6;
        return { overall, human: next() < overall ? "pass" : "fail" };
      });
      const exact = exactOptima(many, 0.7);
      const cuts = [...new Set(many.map((i) => i.overall))].sort((a, b) => a - b);
      let bestKappa = -Infinity;
      let bestAccuracy = -Infinity;
      for (const t of [...cuts, 2]) {
        const c = confusion(many.map((i) => ({ judge: i.overall >= t ? "pass" : "fail", human: i.human })));
        if (c.kappa.kappa !== null) bestKappa = Math.max(bestKappa, c.kappa.kappa);
        bestAccuracy = Math.max(bestAccuracy, c.accuracy!);
      }
      expect(exact.cuts).toBe(cuts.length + 1);
      expect(exact.kappa!.kappa).toBeCloseTo(bestKappa, 12);
      expect(exact.accuracy!.agreement).toBeCloseTo(bestAccuracy, 12);
      // The reported threshold really gives that κ.
      const at = confusion(many.map((i) => ({ judge: i.overall >= exact.kappa!.threshold ? "pass" : "fail", human: i.human })));
      expect(at.kappa.kappa).toBeCloseTo(bestKappa, 12);
      expect(exact.kappa!.kappa!).toBeGreaterThanOrEqual(thresholdSweep(many, { currentThreshold: 0.7 }).best!.kappa! - 1e-12);
    }
  });

  it("stays fast at scale: 200K distinct scores", () => {
    const big: SweepItem[] = Array.from({ length: 200_000 }, (_, i) => ({
      overall: ((i * 7919) % 200_000) / 200_000,
      human: i % 3 === 0 ? "fail" : "pass",
    }));
    const started = performance.now();
    const exact = exactOptima(big, 0.7);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(exact.cuts).toBe(200_001);
  });
});
