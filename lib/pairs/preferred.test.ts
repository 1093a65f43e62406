import { describe, expect, it } from "vitest";
import { currentVotes, pairOutcome, pairOutcomes, preferredByRequest, tallyOutcomes, type LiveLabel } from "./preferred";

let nextId = 1;
const label = (pairId: number, reviewerId: number, value: LiveLabel["label"], extra: Partial<LiveLabel> = {}): LiveLabel => ({
  id: nextId++,
  pairId,
  reviewerId,
  reviewer: `r${reviewerId}`,
  label: value,
  leftCandidateId: 0,
  isRepeat: false,
  ...extra,
});

describe("votes", () => {
  it("keeps each reviewer's latest label and ignores repeats", () => {
    const labels = [label(1, 1, "a"), label(1, 1, "b"), label(1, 1, "a", { isRepeat: true }), label(1, 2, "tie")];
    expect(currentVotes(labels).map((vote) => [vote.reviewerId, vote.label])).toEqual([
      [1, "b"],
      [2, "tie"],
    ]);
  });
  it("takes the strict plurality, skips left out; equal tops are a split", () => {
    expect(pairOutcome(1, [label(1, 1, "a"), label(1, 2, "a"), label(1, 3, "b")]).outcome).toBe("a");
    expect(pairOutcome(1, [label(1, 1, "a"), label(1, 2, "b")]).outcome).toBe("split");
    expect(pairOutcome(1, [label(1, 1, "a"), label(1, 2, "skip")]).outcome).toBe("a");
    expect(pairOutcome(1, [label(1, 1, "skip")]).outcome).toBe("unlabelled");
    expect(pairOutcome(1, [label(1, 1, "both_bad")]).outcome).toBe("both_bad");
    const outcome = pairOutcome(1, [label(1, 1, "tie"), label(1, 2, "skip")]);
    expect(outcome.labels.map((entry) => entry.label)).toEqual(["tie"]);
  });
  it("tallies outcomes", () => {
    const outcomes = pairOutcomes([label(1, 1, "a"), label(2, 1, "tie"), label(3, 1, "both_bad"), label(4, 1, "a"), label(4, 2, "b")]);
    expect(tallyOutcomes(outcomes.values())).toMatchObject({ a: 1, tie: 1, both_bad: 1, split: 1 });
  });
});

describe("preferred candidate per request", () => {
  const pairs = [
    { pairId: 1, requestId: 100, candidateA: 1, candidateB: 2, isSameRequest: true },
    { pairId: 2, requestId: 100, candidateA: 1, candidateB: 3, isSameRequest: true },
    { pairId: 3, requestId: 100, candidateA: 2, candidateB: 3, isSameRequest: true },
    { pairId: 4, requestId: 200, candidateA: 7, candidateB: 8, isSameRequest: true },
    { pairId: 5, requestId: 300, candidateA: 9, candidateB: 10, isSameRequest: false },
  ];
  it("picks the Copeland winner; ties and both-bad decide nothing", () => {
    const outcomes = pairOutcomes([label(1, 1, "b"), label(2, 1, "b"), label(3, 1, "a"), label(4, 1, "tie"), label(5, 1, "a")]);
    // 2 beats 1, 3 beats 1, 2 beats 3 → 2
    expect([...preferredByRequest(pairs, outcomes)]).toEqual([[100, 2]]);
  });
  it("has no preference when the top is shared (a cycle)", () => {
    const outcomes = pairOutcomes([label(1, 1, "a"), label(2, 1, "b"), label(3, 1, "b")]);
    // 1>2, 3>1, 3>2 → 3 wins 2-0
    expect(preferredByRequest(pairs, outcomes).get(100)).toBe(3);
    const cycle = pairOutcomes([label(1, 1, "a"), label(2, 1, "b"), label(3, 1, "a")]);
    // 1>2, 3>1, 2>3 → everyone 1-1
    expect(preferredByRequest(pairs, cycle).has(100)).toBe(false);
  });
});
