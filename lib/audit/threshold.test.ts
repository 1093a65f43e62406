import { describe, expect, it } from "vitest";
import { confusion } from "./confusion";
import { bestThreshold, defaultThresholds, thresholdSweep, type SweepItem } from "./threshold";

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
    const big: SweepItem[] = Array.from({ length: 200_000 }, (_, i) => ({ overall: ((i * 7919) % 1000) / 1000, human: i % 3 === 0 ? "fail" : "pass" }));
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
