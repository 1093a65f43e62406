import { describe, expect, it } from "vitest";
import { RUBRIC } from "../taxonomy";
import { effectiveOutcome, humanOutcome, judgeOutcome, weightedOverall } from ".";

const weights = RUBRIC.weights;

describe("weightedOverall", () => {
  it("uses the rubric weights when all four criteria are scored", () => {
    const overall = weightedOverall(
      { instruction_compliance: 1, seamlessness: 0.5, preservation_balance: 0.5, technical_quality: 0 },
      weights,
    );
    expect(overall).toBeCloseTo(0.4 + 0.125 + 0.1, 10);
  });
  it("renormalises over the criteria that were scored", () => {
    const overall = weightedOverall(
      { instruction_compliance: null, seamlessness: null, preservation_balance: 1, technical_quality: 0 },
      weights,
    );
    expect(overall).toBeCloseTo(0.2 / 0.35, 10);
  });
  it("falls back to the reported overall, then to null", () => {
    const none = { instruction_compliance: null, seamlessness: null, preservation_balance: null, technical_quality: null };
    expect(weightedOverall(none, weights, 0.81)).toBe(0.81);
    expect(weightedOverall(none, weights)).toBeNull();
  });
});

describe("verdicts", () => {
  it("passes at and above the threshold", () => {
    expect(judgeOutcome(0.7, 0.7)).toBe("pass");
    expect(judgeOutcome(0.6999, 0.7)).toBe("fail");
    expect(judgeOutcome(null, 0.7)).toBe("none");
  });
  it("takes the majority of reviewers; a tie or only unsure stays unresolved", () => {
    expect(humanOutcome([])).toBe("none");
    expect(humanOutcome(["accept", "reject", "accept"])).toBe("pass");
    expect(humanOutcome(["accept", "reject"])).toBe("unresolved");
    expect(humanOutcome(["unsure"])).toBe("unresolved");
    expect(humanOutcome(["reject", "unsure"])).toBe("fail");
  });
  it("prefers human over judge over prior", () => {
    expect(effectiveOutcome("fail", "pass", "pass")).toBe("fail");
    expect(effectiveOutcome("none", "fail", "pass")).toBe("fail");
    expect(effectiveOutcome("none", "none", "pass")).toBe("pass");
    expect(effectiveOutcome("unresolved", "pass", "pass")).toBe("unresolved");
  });
});
