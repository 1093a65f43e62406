// Per-reviewer activity and gold accuracy against hand-computed values.
import { describe, expect, it } from "vitest";
import { goldAccuracy, median, reviewerActivity, reviewersBelow } from "./activity";
import { goldCount, mixGold } from "./gold-mix";

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, 0) + seconds * 1000);

describe("reviewerActivity", () => {
  it("median seconds over gaps within the session gap; imports and undone decisions handled", () => {
    const rows = [
      // ann: gaps 10, 20, 40, then a 20-minute break (left out), then 30 → median of [10, 20, 40, 30] = 25
      ...[0, 10, 30, 70, 1270, 1300].map((s, index) => ({
        reviewer: "ann",
        candidateId: index + 1,
        at: at(s),
        isLive: true,
        isTimed: true,
      })),
      // ben: one decision undone (still timed: the time was spent), one imported line (not timed)
      { reviewer: "ben", candidateId: 1, at: at(0), isLive: false, isTimed: true },
      { reviewer: "ben", candidateId: 1, at: at(8), isLive: true, isTimed: true },
      { reviewer: "ben", candidateId: 2, at: at(9), isLive: true, isTimed: false },
    ];
    const [ann, ben] = reviewerActivity(rows);
    expect(ann).toEqual({
      reviewer: "ann",
      items_decided: 6,
      decisions: 6,
      median_seconds_per_item: 25,
      timed_gaps: 4,
      last_active: at(1300).toISOString(),
    });
    expect(ben).toMatchObject({
      items_decided: 2,
      decisions: 3,
      median_seconds_per_item: 8,
      timed_gaps: 1,
      last_active: at(9).toISOString(),
    });
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe("goldAccuracy", () => {
  it("share correct with the Wilson 95% interval (hand-computed)", () => {
    const answers = [
      ...["accept", "accept", "reject", "reject"].map((verdict, index) => ({
        reviewer: "ann",
        candidateId: index + 1,
        verdict,
        gold: ["accept", "accept", "reject", "accept"][index],
      })),
      ...["reject", "reject", "accept", "unsure"].map((verdict, index) => ({
        reviewer: "bo",
        candidateId: index + 1,
        verdict,
        gold: ["accept", "accept", "reject", "accept"][index],
      })),
    ];
    const [ann, bo] = goldAccuracy(answers);
    // ann 3/4: Wilson 95% [0.300642, 0.954413]; bo 0/4: [0, 0.489891]
    expect(ann).toMatchObject({ reviewer: "ann", n: 4, correct: 3, accuracy: 0.75 });
    expect(ann.ci_low).toBeCloseTo(0.3006418426, 8);
    expect(ann.ci_high).toBeCloseTo(0.9544127392, 8);
    expect(bo).toMatchObject({ reviewer: "bo", n: 4, correct: 0, accuracy: 0, ci_low: 0 });
    expect(bo.ci_high).toBeCloseTo(0.4898908364, 8);
    expect(reviewersBelow([ann, bo], 0.5)).toEqual(["bo"]);
    expect(reviewersBelow([ann, bo], 0.8)).toEqual(["ann", "bo"]);
  });
});

describe("gold mixing", () => {
  it("about the rate, only undecided gold not already assigned, same walk for the same seed", () => {
    expect(goldCount(95, 0.05, 100)).toBe(5);
    expect(goldCount(10, 0.05, 100)).toBe(1);
    expect(goldCount(10, 0.05, 0)).toBe(0);
    expect(goldCount(10, 0, 10)).toBe(0);
    const assigned = Array.from({ length: 95 }, (_, index) => index + 1);
    const walk = mixGold(assigned, [500, 501, 502, 503, 504, 505, 3], 0.05, 11);
    expect(walk).toHaveLength(100);
    expect(walk.filter((id) => id >= 500)).toHaveLength(5);
    expect(walk.filter((id) => id === 3)).toHaveLength(1);
    // The assigned items keep their order.
    expect(walk.filter((id) => id < 500)).toEqual(assigned);
    expect(mixGold(assigned, [500, 501, 502, 503, 504, 505, 3], 0.05, 11)).toEqual(walk);
  });
});
