import { describe, expect, it } from "vitest";
import { confusion, type VerdictPair } from "./confusion";

function repeat(judge: "pass" | "fail", human: "pass" | "fail", times: number, weight?: number): VerdictPair[] {
  return Array.from({ length: times }, () => (weight === undefined ? { judge, human } : { judge, human, weight }));
}

function hasNaN(value: unknown): boolean {
  if (typeof value === "number") return Number.isNaN(value);
  if (value && typeof value === "object") return Object.values(value).some(hasNaN);
  return false;
}

// Wikipedia "Cohen's kappa" worked example with the judge as rater A:
// pass/pass 20, pass/fail 5, fail/pass 10, fail/fail 15 → κ = 0.4.
const wiki = [...repeat("pass", "pass", 20), ...repeat("pass", "fail", 5), ...repeat("fail", "pass", 10), ...repeat("fail", "fail", 15)];

describe("confusion", () => {
  it("computes the table and every metric on the Wikipedia example", () => {
    const r = confusion(wiki);
    expect(r.table).toEqual([
      [20, 5],
      [10, 15],
    ]);
    expect(r.counts).toEqual({ judgePassHumanPass: 20, judgePassHumanFail: 5, judgeFailHumanPass: 10, judgeFailHumanFail: 15 });
    expect(r.n).toBe(50);
    expect(r.accuracy).toBeCloseTo(0.7, 12);
    // Hand: accepts precision 20/25, recall 20/30; rejects precision 15/25, recall 15/20.
    expect(r.accept.precision).toBeCloseTo(0.8, 12);
    expect(r.accept.recall).toBeCloseTo(2 / 3, 12);
    expect(r.reject.precision).toBeCloseTo(0.6, 12);
    expect(r.reject.recall).toBeCloseTo(0.75, 12);
    expect(r.judgePassRate).toBeCloseTo(0.5, 12);
    expect(r.humanPassRate).toBeCloseTo(0.6, 12);
    expect(r.kappa.kappa).toBeCloseTo(0.4, 12);
    // FCE SE via numpy 0.12699606293110033; CI = 0.4 ± 1.959964·SE.
    expect(r.kappa.se).toBeCloseTo(0.12699606293110033, 10);
    expect(r.kappa.ci!.lo).toBeCloseTo(0.15109229047666106, 9);
    expect(r.kappa.ci!.hi).toBeCloseTo(0.6489077095233388, 9);
  });

  it("weights scale the counts; κ's SE uses Kish's effective n", () => {
    const doubled = confusion(wiki.map((p) => ({ ...p, weight: 2 })));
    expect(doubled.total).toBe(100);
    expect(doubled.effectiveN).toBeCloseTo(50, 12);
    expect(doubled.kappa.kappa).toBeCloseTo(0.4, 12);
    expect(doubled.kappa.se).toBeCloseTo(0.12699606293110033, 10);
    // Unequal weights: one pass/fail pair weighted 3 = three such pairs in the counts.
    const r = confusion([...repeat("pass", "pass", 2), { judge: "pass", human: "fail", weight: 3 }, ...repeat("fail", "fail", 2)]);
    expect(r.counts.judgePassHumanFail).toBe(3);
    expect(r.total).toBe(7);
    expect(r.effectiveN).toBeCloseTo(49 / 13, 12);
    expect(() => confusion([{ judge: "pass", human: "pass", weight: -1 }])).toThrow(RangeError);
  });

  it("empty input: every metric null, nothing NaN", () => {
    const r = confusion([]);
    expect(r.accuracy).toBeNull();
    expect(r.accept).toEqual({ precision: null, recall: null });
    expect(r.reject).toEqual({ precision: null, recall: null });
    expect(r.judgePassRate).toBeNull();
    expect(r.humanPassRate).toBeNull();
    expect(r.kappa).toMatchObject({ kappa: null, se: null, ci: null, reason: "no labels" });
    expect(hasNaN(r)).toBe(false);
  });

  it("one class only (all pass, all agree): accuracy 1, κ null with a reason", () => {
    const r = confusion(repeat("pass", "pass", 8));
    expect(r.accuracy).toBe(1);
    expect(r.accept).toEqual({ precision: 1, recall: 1 });
    expect(r.reject).toEqual({ precision: null, recall: null });
    expect(r.kappa.kappa).toBeNull();
    expect(r.kappa.reason).toMatch(/single category/);
    expect(hasNaN(r)).toBe(false);
  });

  it("humans used one class only: κ null, accuracy still defined", () => {
    const r = confusion([...repeat("pass", "fail", 3), ...repeat("fail", "fail", 7)]);
    expect(r.accuracy).toBeCloseTo(0.7, 12);
    expect(r.humanPassRate).toBe(0);
    expect(r.accept.precision).toBe(0);
    expect(r.accept.recall).toBeNull();
    expect(r.kappa.kappa).toBeNull();
    expect(r.kappa.reason).toMatch(/second rater/);
  });

  it("all agree across both classes: κ = 1 with a zero-width CI", () => {
    const r = confusion([...repeat("pass", "pass", 6), ...repeat("fail", "fail", 4)]);
    expect(r.accuracy).toBe(1);
    expect(r.kappa.kappa).toBe(1);
    expect(r.kappa.ci).toEqual({ lo: 1, hi: 1 });
  });

  it("perfect disagreement: accuracy 0, κ = −1", () => {
    const r = confusion([...repeat("pass", "fail", 5), ...repeat("fail", "pass", 5)]);
    expect(r.accuracy).toBe(0);
    expect(r.kappa.kappa).toBeCloseTo(-1, 12);
    expect(r.accept).toEqual({ precision: 0, recall: 0 });
    expect(r.kappa.ci!.lo).toBe(-1);
  });
});
