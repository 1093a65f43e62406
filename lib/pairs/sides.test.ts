import { describe, expect, it } from "vitest";
import { firstLeft, isRepeatSelected, labelFor, preferredCandidate, shownSide, swappedLeft } from "./sides";

const pair = { pairId: 1, candidateA: 10, candidateB: 20 };

describe("side randomisation", () => {
  it("is stable for a pair and reviewer, and balanced across pairs", () => {
    expect(firstLeft(pair, 3)).toBe(firstLeft(pair, 3));
    let leftIsA = 0;
    for (let pairId = 1; pairId <= 2000; pairId++) if (firstLeft({ pairId, candidateA: 1, candidateB: 2 }, 1) === 1) leftIsA++;
    expect(leftIsA / 2000).toBeGreaterThan(0.45);
    expect(leftIsA / 2000).toBeLessThan(0.55);
  });
  it("differs between reviewers of the same pair (not one global order)", () => {
    const sides = new Set(Array.from({ length: 20 }, (_, reviewer) => firstLeft(pair, reviewer + 1)));
    expect(sides.size).toBe(2);
  });
  it("swaps for a repeat", () => {
    expect(swappedLeft(pair, 10)).toBe(20);
    expect(swappedLeft(pair, 20)).toBe(10);
  });
});

describe("repeat selection", () => {
  it("selects about the configured share, none at 0", () => {
    let selected = 0;
    for (let pairId = 1; pairId <= 5000; pairId++) if (isRepeatSelected(pairId, 2, 0.1)) selected++;
    expect(selected / 5000).toBeGreaterThan(0.08);
    expect(selected / 5000).toBeLessThan(0.12);
    expect(isRepeatSelected(1, 1, 0)).toBe(false);
  });
});

describe("labels from what was shown", () => {
  it("maps left/right through the recorded left candidate", () => {
    expect(labelFor("left", pair, 10)).toBe("a");
    expect(labelFor("left", pair, 20)).toBe("b");
    expect(labelFor("right", pair, 20)).toBe("a");
    expect(labelFor("tie", pair, 20)).toBe("tie");
  });
  it("round-trips to the side and the candidate", () => {
    expect(shownSide("b", pair, 20)).toBe("left");
    expect(shownSide("a", pair, 20)).toBe("right");
    expect(shownSide("both_bad", pair, 20)).toBeNull();
    expect(preferredCandidate("b", pair)).toBe(20);
    expect(preferredCandidate("tie", pair)).toBeNull();
  });
});
