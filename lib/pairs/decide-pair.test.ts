import { describe, expect, it } from "vitest";
import { pythonDumps } from "../manifest/python-json";
import { decidePair, dpoRecord, type DpoCandidate, type DpoPair } from "./decide-pair";
import { pairOutcome, type LiveLabel } from "./preferred";

const candidate = (id: number, extra: Partial<DpoCandidate> = {}): DpoCandidate => ({
  id,
  imagePath: `images/${id}.png`,
  role: "sft",
  prior: "pass",
  judgeVerdict: "none",
  humanVerdict: "none",
  effectiveVerdict: "pass",
  judgeOverall: -1,
  ...extra,
});
const pair = (extra: Partial<DpoPair> = {}): DpoPair => ({
  pairId: 5,
  origin: "manifest",
  requestId: 9,
  a: candidate(1),
  b: candidate(2, { role: "rejected", prior: "fail", effectiveVerdict: "fail" }),
  sourceImage: "https://farm.example/1.jpg",
  text: "Make the sky pink",
  summarizedText: "pink sky",
  editType: "Zoom in",
  promptChain: null,
  ...extra,
});
const votes = (...values: LiveLabel["label"][]) =>
  pairOutcome(
    5,
    values.map((value, index) => ({
      id: 100 + index,
      pairId: 5,
      reviewerId: index + 1,
      reviewer: `r${index + 1}`,
      label: value,
      leftCandidateId: 1,
      isRepeat: false,
    })),
  );

describe("who decides a pair", () => {
  it("human labels first, even against the manifest", () => {
    const decision = decidePair(pair(), votes("b", "b", "a"));
    expect(decision).toMatchObject({ kind: "row", decidedBy: "human" });
    if (decision.kind === "row") expect(decision.chosen.id).toBe(2);
  });
  it("excludes ties, both-bad and reviewer splits, with the reason", () => {
    expect(decidePair(pair(), votes("tie"))).toEqual({ kind: "drop", reason: "tie" });
    expect(decidePair(pair(), votes("both_bad", "both_bad"))).toEqual({ kind: "drop", reason: "both_bad" });
    expect(decidePair(pair(), votes("a", "b"))).toEqual({ kind: "drop", reason: "split" });
  });
  it("then verdicts when exactly one passes, naming their source", () => {
    const judged = pair({
      origin: "near_tie",
      a: candidate(1, { judgeVerdict: "fail", effectiveVerdict: "fail", judgeOverall: 0.6 }),
      b: candidate(2, { judgeVerdict: "pass", judgeOverall: 0.72 }),
    });
    expect(decidePair(judged, undefined)).toMatchObject({ kind: "row", decidedBy: "judge", chosen: { id: 2 } });
    const reviewed = pair({
      a: candidate(1, { humanVerdict: "fail", effectiveVerdict: "fail" }),
      b: candidate(2, { role: "rejected", prior: "fail", humanVerdict: "pass", effectiveVerdict: "pass" }),
    });
    expect(decidePair(reviewed, votes("skip"))).toMatchObject({ decidedBy: "human_review", chosen: { id: 2 } });
    expect(decidePair(pair(), undefined)).toMatchObject({ decidedBy: "manifest", chosen: { id: 1 } });
  });
  it("falls back to the manifest order only for manifest pairs", () => {
    const bothPass = { a: candidate(1), b: candidate(2) };
    expect(decidePair(pair(bothPass), undefined)).toMatchObject({ decidedBy: "manifest", chosen: { id: 1 } });
    expect(decidePair(pair({ ...bothPass, origin: "multi_pass" }), undefined)).toEqual({ kind: "drop", reason: "undecided" });
  });
});

describe("DPO record", () => {
  it("has the documented keys in order, and provenance with label ids and reviewers", () => {
    const outcome = votes("b", "skip", "b");
    const decision = decidePair(pair(), outcome);
    if (decision.kind !== "row") throw new Error("expected a row");
    const record = dpoRecord(pair(), decision, outcome);
    expect(Object.keys(record)).toEqual([
      "instruction",
      "summarized_instruction",
      "source_image",
      "chosen",
      "rejected",
      "edit_type",
      "provenance",
    ]);
    expect(record).toMatchObject({
      chosen: "images/2.png",
      rejected: "images/1.png",
      provenance: { decided_by: "human", label_ids: [100, 102], reviewers: ["r1", "r3"] },
    });
    expect(pythonDumps(record, false)).toContain('"decided_by": "human"');
  });
  it("writes a turns pair's prompt chain", () => {
    const chained = pair({ origin: "turns", promptChain: ["Add a boat", "Make it red"] });
    const decision = decidePair(chained, votes("a"));
    if (decision.kind !== "row") throw new Error("expected a row");
    expect(dpoRecord(chained, decision, votes("a"))).toMatchObject({
      instruction: "Add a boat\nMake it red",
      summarized_instruction: "Make it red",
      prompt_chain: ["Add a boat", "Make it red"],
    });
  });
});
