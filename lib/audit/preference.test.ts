import { describe, expect, it } from "vitest";
import { chosenSide, positionBias, selfConsistency, type RepeatedPair } from "./preference";

const sides = (left: number, right: number, none = 0) => [
  ...Array.from({ length: left }, () => ({ chosenSide: "left" as const })),
  ...Array.from({ length: right }, () => ({ chosenSide: "right" as const })),
  ...Array.from({ length: none }, () => ({ chosenSide: null })),
];

describe("chosenSide", () => {
  it("maps a candidate label and the display order to a side", () => {
    expect(chosenSide("a", true)).toBe("left");
    expect(chosenSide("a", false)).toBe("right");
    expect(chosenSide("b", true)).toBe("right");
    expect(chosenSide("b", false)).toBe("left");
    expect(chosenSide("tie", true)).toBeNull();
    expect(chosenSide("both_bad", false)).toBeNull();
    expect(chosenSide("skip", true)).toBeNull();
  });
});

describe("positionBias", () => {
  it("Wilson interval of the left share matches Newcombe (1998): 81/263 → 0.2553–0.3662", () => {
    const r = positionBias(sides(81, 182, 5));
    expect(r).toMatchObject({ decisive: 263, left: 81, right: 182, undecided: 5 });
    expect(r.leftShare).toBeCloseTo(81 / 263, 12);
    expect(r.ci!.lo).toBeCloseTo(0.2553, 4);
    expect(r.ci!.hi).toBeCloseTo(0.3662, 4);
    expect(r.biased).toBe(true);
  });

  it("7 of 10 left is not significant (Wilson 0.3968–0.8922, numpy)", () => {
    const r = positionBias(sides(7, 3));
    expect(r.ci!.lo).toBeCloseTo(0.39677814746114537, 9);
    expect(r.ci!.hi).toBeCloseTo(0.8922087325936989, 9);
    expect(r.biased).toBe(false);
  });

  it("no decisive labels: null share, null CI, null verdict", () => {
    expect(positionBias([])).toMatchObject({ decisive: 0, leftShare: null, ci: null, biased: null });
    expect(positionBias(sides(0, 0, 4))).toMatchObject({ decisive: 0, undecided: 4, leftShare: null });
  });
});

describe("selfConsistency", () => {
  it("compares candidates, not sides, and separates decisive repeats", () => {
    // Hand: 6 counted (1 skipped); same label in 4 (a/a, b/b, tie/tie, both_bad/both_bad);
    // decisive repeats: a/a, b/b, a/b → 2 of 3.
    const pairs: RepeatedPair[] = [
      { first: "a", second: "a" },
      { first: "b", second: "b" },
      { first: "a", second: "b" },
      { first: "tie", second: "tie" },
      { first: "both_bad", second: "both_bad" },
      { first: "tie", second: "a" },
      { first: "skip", second: "a" },
    ];
    const r = selfConsistency(pairs);
    expect(r).toMatchObject({ pairs: 6, consistent: 4, decisivePairs: 3, decisiveConsistent: 2, skipped: 1 });
    expect(r.share).toBeCloseTo(4 / 6, 12);
    expect(r.decisiveShare).toBeCloseTo(2 / 3, 12);
    expect(r.ci!.lo).toBeGreaterThan(0);
    expect(r.ci!.hi).toBeLessThan(1);
  });

  it("perfectly consistent, perfectly inconsistent and empty", () => {
    const same = selfConsistency([
      { first: "a", second: "a" },
      { first: "b", second: "b" },
    ]);
    expect(same.share).toBe(1);
    expect(same.ci!.hi).toBe(1);
    const flipped = selfConsistency([
      { first: "a", second: "b" },
      { first: "b", second: "a" },
    ]);
    expect(flipped.decisiveShare).toBe(0);
    expect(flipped.decisiveCi!.lo).toBe(0);
    expect(selfConsistency([])).toMatchObject({ pairs: 0, share: null, ci: null, decisiveShare: null, decisiveCi: null });
  });
});
