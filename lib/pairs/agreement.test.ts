import { describe, expect, it } from "vitest";
import { agreementSummary, metricIds, metricKey, type AgreementPair } from "./agreement";
import type { LiveLabel } from "./preferred";

let nextId = 1;
/** side: which candidate was on the left ("a" = candidate A). */
const label = (pairId: number, reviewerId: number, value: LiveLabel["label"], left: "a" | "b" = "a", isRepeat = false): LiveLabel => ({
  id: nextId++,
  pairId,
  reviewerId,
  reviewer: reviewerId === 1 ? "ann" : reviewerId === 2 ? "bob" : "cy",
  label: value,
  leftCandidateId: left === "a" ? pairId * 10 : pairId * 10 + 1,
  isRepeat,
});
const pairs = new Map<number, AgreementPair>(
  [1, 2, 3, 4, 5].map((pairId) => [
    pairId,
    {
      pairId,
      candidateA: pairId * 10,
      candidateB: pairId * 10 + 1,
      editType: pairId <= 3 ? "Zoom in" : "Outpainting",
      overallA: 0.9,
      overallB: pairId === 5 ? 0.9 : 0.5,
    },
  ]),
);

describe("agreement summary", () => {
  const labels = [
    label(1, 1, "a"),
    label(1, 2, "a"),
    label(1, 3, "a"),
    label(2, 1, "a", "b"),
    label(2, 2, "b"),
    label(3, 1, "tie"),
    label(3, 2, "tie"),
    label(4, 1, "b", "b"),
    label(5, 1, "a"),
    label(4, 1, "a", "a", true), // ann's repeat of pair 4, sides swapped, different candidate
    label(1, 1, "a", "b", true), // ann's repeat of pair 1, consistent
  ];
  const summary = agreementSummary(labels, pairs);

  it("counts per reviewer", () => {
    const ann = summary.reviewers.find((row) => row.reviewer === "ann")!;
    expect(ann).toMatchObject({ pairs: 5, repeats: 2, byLabel: { a: 3, b: 1, tie: 1 } });
    expect(metricIds(summary, metricKey("reviewer", 1, "a"))).toEqual([1, 2, 5]);
  });
  it("measures agreement between reviewers on shared pairs", () => {
    expect(summary.multi).toMatchObject({ pairs: 3, allAgree: 2 });
    expect(summary.multi.fleiss.kappa).not.toBeNull();
    const annBob = summary.duos.find((duo) => duo.first === "ann" && duo.second === "bob")!;
    expect(annBob).toMatchObject({ shared: 3, agreement: 2 / 3 });
    expect(annBob.kappa.kappa).toBeCloseTo(0.5, 5);
    expect(metricIds(summary, metricKey("duo", 1, 2, "disagree"))).toEqual([2]);
    expect(metricIds(summary, metricKey("multi", "disagree"))).toEqual([2]);
  });
  it("measures position bias over every shown label", () => {
    // Chosen sides: p1 ann L, bob L, cy L; p2 ann R (a on right), bob R; p4 ann L(b left)+repeat R(a right?)...
    expect(summary.bias.decisive).toBe(9);
    expect(summary.bias.left + summary.bias.right).toBe(9);
    expect(metricIds(summary, metricKey("side", "left")).length).toBeGreaterThan(0);
  });
  it("measures self-consistency on repeats by candidate, not side", () => {
    expect(summary.consistency).toMatchObject({ pairs: 2, consistent: 1, decisivePairs: 2, decisiveConsistent: 1 });
    expect(metricIds(summary, metricKey("repeat", "inconsistent"))).toEqual([4]);
  });
  it("compares the human majority with the judge's score order per edit type", () => {
    const zoom = summary.judge.byEditType.find((row) => row.editType === "Zoom in")!;
    // p1 a (judge a) match; p2 split → not compared; p3 tie → not compared
    expect(zoom).toMatchObject({ compared: 1, matches: 1 });
    const out = summary.judge.byEditType.find((row) => row.editType === "Outpainting")!;
    // p4 b vs judge a: mismatch; p5 equal scores: judge tie
    expect(out).toMatchObject({ compared: 1, matches: 0, judgeTies: 1 });
    expect(metricIds(summary, metricKey("judge", "*", "mismatch"))).toEqual([4]);
  });
});
