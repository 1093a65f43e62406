import { describe, expect, it } from "vitest";
import { fitWeights, type WeightItem } from "./fit-weights";
import { fitLogistic } from "./logistic";

// Fixtures: 40 items each, criterion scores on a 0.05 grid, human labels drawn from a logistic
// model (numpy default_rng(20251); see REFERENCES.md). Columns: c1..c4 (CRITERIA order), human.
// Reference fits: scipy.optimize.minimize on the same penalised objective (λ = 0.01 on slopes),
// L-BFGS-B with bounds b_k ≥ 0 for the constrained fit, then polished with trust-exact
// (KKT gradients for dropped criteria checked < 0).
const itemsARaw: number[][] = [
  [0.8, 0.7, 0.4, 0.9, 1],
  [0.5, 0.9, 0.55, 0.65, 1],
  [0.45, 0.45, 0.55, 0.85, 1],
  [0.35, 0.95, 0.25, 0.7, 1],
  [0.5, 0.3, 0.65, 0.2, 0],
  [0.3, 0.25, 0.35, 0.55, 0],
  [0.85, 0.65, 0.45, 0.35, 1],
  [0.45, 0.8, 0.3, 0.45, 0],
  [0.7, 0.85, 0.25, 0.8, 1],
  [0.8, 0.7, 0.9, 0.75, 1],
  [0.75, 0.35, 0.8, 0.3, 0],
  [0.6, 0.45, 0.4, 0.75, 0],
  [0.85, 0.6, 0.75, 0.9, 1],
  [0.9, 0.65, 0.75, 0.6, 1],
  [0.55, 0.4, 0.45, 0.65, 1],
  [0.6, 0.85, 0.9, 0.75, 0],
  [0.6, 0.6, 0.65, 0.8, 1],
  [0.3, 0.6, 0.4, 0.95, 0],
  [0.35, 0.3, 0.25, 0.85, 0],
  [0.45, 0.3, 0.75, 0.6, 0],
  [0.75, 0.8, 0.45, 0.9, 1],
  [0.45, 0.4, 0.85, 0.4, 1],
  [0.8, 0.45, 0.7, 0.6, 0],
  [0.75, 0.45, 0.35, 0.5, 0],
  [0.5, 0.65, 0.35, 0.95, 0],
  [0.45, 0.7, 0.5, 0.4, 1],
  [0.55, 0.75, 0.2, 0.35, 0],
  [0.35, 0.6, 0.55, 0.6, 1],
  [0.6, 0.85, 0.55, 0.45, 0],
  [0.8, 0.2, 0.5, 0.7, 0],
  [0.95, 0.3, 0.5, 0.45, 0],
  [0.9, 0.95, 0.7, 0.2, 1],
  [0.25, 0.45, 0.7, 0.5, 0],
  [0.4, 0.3, 0.8, 0.3, 0],
  [0.8, 0.9, 0.85, 0.85, 1],
  [0.7, 0.9, 0.7, 0.95, 1],
  [0.3, 0.7, 0.55, 0.95, 0],
  [0.55, 0.95, 0.85, 1, 1],
  [0.75, 0.7, 0.3, 0.5, 1],
  [0.4, 0.55, 0.9, 0.9, 0],
];
const itemsBRaw: number[][] = [
  [0.3, 0.95, 0.4, 0.25, 0],
  [0.75, 0.95, 0.95, 1, 0],
  [0.55, 0.65, 0.65, 0.5, 0],
  [0.85, 0.85, 0.95, 0.8, 1],
  [0.75, 0.55, 0.4, 0.95, 1],
  [0.85, 0.65, 1, 0.5, 1],
  [0.7, 0.4, 0.35, 0.95, 1],
  [0.3, 0.7, 0.9, 0.4, 1],
  [0.35, 0.85, 0.5, 0.2, 0],
  [0.7, 0.25, 0.9, 0.7, 1],
  [0.7, 0.85, 0.4, 0.7, 0],
  [0.5, 0.65, 0.3, 0.6, 0],
  [0.35, 0.95, 0.65, 0.75, 0],
  [0.9, 0.4, 0.5, 0.75, 1],
  [0.7, 1, 0.9, 0.25, 0],
  [0.3, 0.7, 0.85, 0.55, 0],
  [0.25, 0.4, 0.95, 0.65, 0],
  [0.8, 0.8, 0.6, 0.25, 1],
  [0.95, 0.9, 0.8, 0.85, 1],
  [0.65, 0.5, 0.75, 0.9, 1],
  [0.5, 0.95, 0.25, 0.9, 0],
  [0.8, 0.55, 0.25, 0.45, 1],
  [0.8, 0.45, 0.9, 0.55, 1],
  [0.9, 0.3, 0.6, 0.6, 1],
  [0.7, 0.35, 0.45, 0.85, 0],
  [0.25, 0.85, 0.25, 0.4, 0],
  [0.5, 0.6, 0.5, 0.75, 0],
  [0.75, 0.4, 0.25, 0.3, 0],
  [0.45, 0.45, 0.6, 0.95, 0],
  [0.35, 0.6, 0.95, 1, 0],
  [0.25, 0.7, 0.8, 0.8, 0],
  [0.8, 0.9, 0.25, 0.35, 0],
  [0.25, 0.95, 0.4, 0.45, 0],
  [0.55, 0.6, 0.85, 0.95, 0],
  [0.8, 0.7, 0.25, 0.3, 0],
  [0.8, 1, 0.85, 0.55, 1],
  [0.25, 0.25, 0.7, 0.65, 1],
  [0.7, 0.85, 0.2, 0.75, 0],
  [0.85, 0.7, 0.6, 0.3, 1],
  [0.4, 0.4, 0.4, 0.85, 0],
];

const toItems = (raw: number[][]): WeightItem[] => raw.map(([c1, c2, c3, c4, h]) => ({ scores: [c1, c2, c3, c4], human: h as 0 | 1 }));
const itemsA = toItems(itemsARaw);
const itemsB = toItems(itemsBRaw);

describe("fitLogistic", () => {
  it("matches scipy's penalised optimum (dataset A, all slopes positive)", () => {
    const fit = fitLogistic(
      itemsA.map((i) => [...i.scores]),
      itemsA.map((i) => i.human),
      { l2: 0.01 },
    );
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-6.275755795886222, 6);
    const expected = [3.202437991374925, 5.1119224679535105, 1.0337607001805587, 1.0874177155643996];
    fit.coefficients.forEach((b, k) => expect(b).toBeCloseTo(expected[k], 6));
    expect(fit.objective).toBeCloseTo(-20.495028271499763, 9);
  });

  it("stays finite on perfectly separable data thanks to the L2 penalty", () => {
    // scipy trust-exact on the same objective: b0 −4.017346741781591, b1 8.034693484060636
    // (b0 = −b1/2 by the symmetry of the data).
    const fit = fitLogistic([[0.1], [0.2], [0.8], [0.9]], [0, 0, 1, 1]);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-4.017346741781591, 7);
    expect(fit.coefficients[0]).toBeCloseTo(8.034693484060636, 7);
  });
});

describe("fitWeights", () => {
  it("dataset A: weights and implied threshold match the scipy reference", () => {
    const r = fitWeights(itemsA);
    expect(r.reason).toBeNull();
    const fit = r.fit!;
    // w = b/Σb = 0.306878, 0.489857, 0.099062, 0.104203; threshold −b0/Σb = 0.601383.
    const w = [0.3068780663569094, 0.4898570671960237, 0.09906155422887736, 0.10420331221818943];
    fit.weights.forEach((x, k) => expect(x).toBeCloseTo(w[k], 6));
    expect(fit.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(fit.weightsByCriterion.seamlessness).toBeCloseTo(w[1], 6);
    expect(fit.impliedThreshold).toBeCloseTo(0.601383011554549, 6);
    expect(fit.droppedCriteria).toEqual([]);
    expect(fit.unconstrained.intercept).toBeCloseTo(fit.intercept, 8);
    // numpy: fitted model 0.775; rubric (0.4/0.25/0.2/0.15) at 0.7 → 0.7; fitted weights at 0.7 → 0.725.
    expect(fit.accuracy).toEqual({ fitted: 0.775, current: 0.7, fittedWeightsCurrentThreshold: 0.725 });
  });

  it("dataset B: negative slopes are constrained to 0 and the rest refitted", () => {
    const r = fitWeights(itemsB);
    const fit = r.fit!;
    // Unconstrained slopes 8.4437, −6.2489, 5.1780, −1.6437; constrained support {c1, c3}:
    // b0 −6.376165, b1 6.435480, b3 3.217189 → w = 0.666705, 0, 0.333295, 0; threshold 0.660560.
    const unconstrained = [8.443734901052295, -6.248880008241047, 5.178026717576901, -1.6436991003125956];
    fit.unconstrained.coefficients.forEach((b, k) => expect(b).toBeCloseTo(unconstrained[k], 5));
    expect(fit.intercept).toBeCloseTo(-6.376164705911462, 6);
    expect(fit.coefficients[0]).toBeCloseTo(6.435480333600785, 6);
    expect(fit.coefficients[1]).toBe(0);
    expect(fit.coefficients[2]).toBeCloseTo(3.2171894665933296, 6);
    expect(fit.coefficients[3]).toBe(0);
    expect(fit.weights[0]).toBeCloseTo(0.6667047010632611, 6);
    expect(fit.weights[2]).toBeCloseTo(0.3332952989367389, 6);
    expect(fit.droppedCriteria).toEqual(["seamlessness", "technical_quality"]);
    expect(fit.impliedThreshold).toBeCloseTo(0.6605597039881378, 6);
    expect(fit.accuracy).toEqual({ fitted: 0.825, current: 0.65, fittedWeightsCurrentThreshold: 0.8 });
  });

  it("uses the given current weights and threshold for the comparison", () => {
    const r = fitWeights(itemsA, { currentWeights: [1, 0, 0, 0], currentThreshold: 0.5 });
    const expected = itemsA.filter((i) => i.scores[0] >= 0.5 === (i.human === 1)).length / itemsA.length;
    expect(r.fit!.accuracy.current).toBeCloseTo(expected, 12);
  });

  it("is deterministic", () => {
    expect(fitWeights(itemsB)).toEqual(fitWeights(itemsB));
  });

  it("degenerate input: too few items, one class, no positive criterion", () => {
    expect(fitWeights(itemsA.slice(0, 10))).toMatchObject({ fit: null, n: 10, reason: "too few items: 10 < 20" });
    expect(fitWeights([])).toMatchObject({ fit: null, n: 0, positives: 0 });
    const allPass = itemsA.map((i) => ({ ...i, human: 1 as const }));
    expect(fitWeights(allPass)).toMatchObject({ fit: null, positives: 40, reason: "only one class in the human labels (all pass)" });
    // Humans accept exactly the low-scoring items: every criterion pulls the wrong way.
    const inverted = itemsA.map((i) => ({ ...i, human: (i.scores.reduce((a, b) => a + b, 0) < 2.4 ? 1 : 0) as 0 | 1 }));
    const r = fitWeights(inverted);
    expect(r.fit).toBeNull();
    expect(r.reason).toMatch(/non-negative weights cannot be fitted/);
  });

  it("reports an implied threshold outside [0, 1] as null with a note", () => {
    // Humans accept 36 of 40 items. scipy L-BFGS-B (bounds b_k ≥ 0): b0 0.944217,
    // b = (0, 1.470755, 0.732462, 0) → p = 0.5 at overall −0.428563: the model accepts everything.
    const mostlyPass = itemsA.map((i, k) => ({ ...i, human: (k % 10 === 0 ? 0 : 1) as 0 | 1 }));
    const fit = fitWeights(mostlyPass).fit!;
    expect(fit.intercept).toBeCloseTo(0.9442166356190077, 5);
    expect(fit.coefficients[1]).toBeCloseTo(1.4707546702452237, 5);
    expect(fit.coefficients[2]).toBeCloseTo(0.7324617284332118, 5);
    expect(fit.impliedThreshold).toBeNull();
    expect(fit.thresholdNote).toMatch(/accepts everything/);
    expect(fit.thresholdNote).toMatch(/-0\.429/);
    expect(fit.accuracy.fitted).toBe(0.9);
  });

  it("rejects null or missing scores", () => {
    const bad = [...itemsA.slice(0, 19), { scores: [0.5, Number.NaN, 0.5, 0.5] as const, human: 1 as const }];
    expect(() => fitWeights(bad)).toThrow(RangeError);
  });
});
