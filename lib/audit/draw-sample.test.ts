import { describe, expect, it } from "vitest";
import { drawSample, equalAllocation, proportionalProbabilities, thresholdWeight, THRESHOLD_FLOOR, type SampleUnit } from "./draw-sample";
import { ipwEstimate } from "./sampling";

// 60 items of "A", 30 of "B", 3 of "C"; overall spread over [0, 1), every 7th unjudged.
const units: SampleUnit[] = Array.from({ length: 93 }, (_, i) => ({
  candidateId: 1000 + i,
  editType: i < 60 ? "A" : i < 90 ? "B" : "C",
  overall: i % 7 === 0 ? null : ((i * 37) % 100) / 100,
}));

const ids = (items: { candidateId: number }[]) => items.map((item) => item.candidateId);

describe("equalAllocation and proportionalProbabilities", () => {
  it("equal allocation gives small strata everything and shares the rest (hand)", () => {
    expect(equalAllocation([60, 30, 3], 21)).toEqual([9, 9, 3]);
    expect(equalAllocation([2, 10, 10], 12)).toEqual([2, 5, 5]);
    expect(equalAllocation([2, 3], 50)).toEqual([2, 3]);
  });

  it("caps large weights at 1 and spreads the rest proportionally (hand)", () => {
    // n = 2: the weight-10 item is certain (π = 1); the last unit goes 1/3 to each of the others.
    const p = proportionalProbabilities([1, 1, 1, 10], 2);
    expect(p[3]).toBe(1);
    for (const value of p.slice(0, 3)) expect(value).toBeCloseTo(1 / 3, 12);
    expect(proportionalProbabilities([1, 2], 5)).toEqual([1, 1]);
  });
});

describe("drawSample", () => {
  it("uniform: exactly n distinct items, π = n/N, reproducible by seed", () => {
    const a = drawSample(units, { method: "uniform", size: 20, seed: 7 });
    expect(a).toHaveLength(20);
    expect(new Set(ids(a)).size).toBe(20);
    for (const item of a) expect(item.probability).toBeCloseTo(20 / 93, 12);
    expect(drawSample([...units].reverse(), { method: "uniform", size: 20, seed: 7 })).toEqual(a);
    expect(ids(drawSample(units, { method: "uniform", size: 20, seed: 8 }))).not.toEqual(ids(a));
  });

  it("stratified: equal allocation per edit type, π = n_h/N_h, Σ 1/π = N", () => {
    const sample = drawSample(units, { method: "stratified", size: 21, seed: 3 });
    const type = (id: number) => units.find((unit) => unit.candidateId === id)!.editType;
    const count = (t: string) => sample.filter((item) => type(item.candidateId) === t).length;
    expect([count("A"), count("B"), count("C")]).toEqual([9, 9, 3]);
    for (const item of sample) expect(item.probability).toBeCloseTo({ A: 9 / 60, B: 9 / 30, C: 1 }[type(item.candidateId)]!, 12);
    expect(sample.reduce((sum, item) => sum + 1 / item.probability, 0)).toBeCloseTo(93, 9);
  });

  it("threshold: Σπ = n, π ≤ 1, more weight near the threshold, unjudged keep the floor", () => {
    const sample = drawSample(units, { method: "threshold", size: 15, seed: 11, threshold: 0.7 });
    expect(sample).toHaveLength(15);
    for (const item of sample) expect(item.probability).toBeGreaterThan(0);
    for (const item of sample) expect(item.probability).toBeLessThanOrEqual(1);
    expect(thresholdWeight(0.7, 0.7)).toBeCloseTo(1 + THRESHOLD_FLOOR, 12);
    expect(thresholdWeight(null, 0.7)).toBe(THRESHOLD_FLOOR);
    expect(thresholdWeight(0.72, 0.7)).toBeGreaterThan(thresholdWeight(0.9, 0.7));
  });

  it("every design's stated π matches how often items are actually drawn (2,000 seeds)", () => {
    const small = units.slice(0, 40).concat(units.slice(60, 75)).concat(units.slice(90));
    for (const method of ["uniform", "stratified", "threshold"] as const) {
      const hits = new Map<number, number>();
      const stated = new Map<number, number>();
      const runs = 2000;
      for (let seed = 0; seed < runs; seed++) {
        for (const item of drawSample(small, { method, size: 12, seed, threshold: 0.7 })) {
          hits.set(item.candidateId, (hits.get(item.candidateId) ?? 0) + 1);
          stated.set(item.candidateId, item.probability);
        }
      }
      for (const [id, p] of stated) {
        // Binomial SE of a frequency over 2,000 runs is ≤ 0.011; allow 4.5 SE.
        const se = Math.sqrt((p * (1 - p)) / runs);
        expect(Math.abs((hits.get(id) ?? 0) / runs - p)).toBeLessThanOrEqual(4.5 * se + 1e-9);
      }
    }
  });

  it("the 1/π weights make the Hájek estimate unbiased on a known population rate", () => {
    // 30% of the population are "errors", concentrated near the threshold where the design oversamples.
    const isError = (unit: SampleUnit) => unit.overall !== null && Math.abs(unit.overall - 0.7) < 0.12;
    const truth = units.filter(isError).length / units.length;
    const byId = new Map(units.map((unit) => [unit.candidateId, unit]));
    let sum = 0;
    let naive = 0;
    const runs = 400;
    for (let seed = 0; seed < runs; seed++) {
      const sample = drawSample(units, { method: "threshold", size: 20, seed, threshold: 0.7 });
      const values = sample.map((item) => ({
        value: (isError(byId.get(item.candidateId)!) ? 1 : 0) as 0 | 1,
        probability: item.probability,
      }));
      sum += ipwEstimate(values, units.length).hajek.rate!;
      naive += values.filter((value) => value.value === 1).length / values.length;
    }
    expect(Math.abs(sum / runs - truth)).toBeLessThan(0.03);
    // Without the weights the oversampled band is overcounted: that is what the audit corrects.
    expect(naive / runs - truth).toBeGreaterThan(0.1);
  });

  it("a size above the population takes everything with π = 1; bad input is refused", () => {
    const all = drawSample(units.slice(0, 5), { method: "uniform", size: 50, seed: 1 });
    expect(all.map((item) => item.probability)).toEqual([1, 1, 1, 1, 1]);
    expect(new Set(ids(all))).toEqual(new Set(ids(units.slice(0, 5))));
    expect(() => drawSample(units, { method: "uniform", size: 0, seed: 1 })).toThrow(/at least 1/);
    expect(() => drawSample(units, { method: "uniform", size: 3, seed: 1.5 })).toThrow(/whole number/);
  });
});
