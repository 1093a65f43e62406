// Label → export: a request's human-preferred candidate (from pair labels) drives its SFT and
// preference rows; ties and both-bad decide nothing.
import { describe, expect, it } from "vitest";
import { pairOutcomes, preferredByRequest, type LiveLabel } from "../pairs/preferred";
import { decidePreference, decideSft, type ExportCandidate } from "./decide";

const candidate = (id: number, imagePath: string, extra: Partial<ExportCandidate> = {}): ExportCandidate => ({
  id,
  imagePath,
  role: "sft",
  prior: "pass",
  judgeVerdict: "pass",
  humanVerdict: "none",
  effectiveVerdict: "pass",
  judgeOverall: 0.9,
  ...extra,
});
const chosen = candidate(1, "p/1_retry1.png");
const rejectedPassing = candidate(2, "n/1.png", { role: "rejected", prior: "fail", judgeOverall: 0.95 });
const rejectedFailing = candidate(3, "n/1b.png", {
  role: "rejected",
  prior: "fail",
  judgeVerdict: "fail",
  effectiveVerdict: "fail",
  judgeOverall: 0.3,
});
const record = { output_image: chosen.imagePath, rejected_images: [rejectedPassing.imagePath, rejectedFailing.imagePath] };

const label = (id: number, pairId: number, value: LiveLabel["label"]): LiveLabel => ({
  id,
  pairId,
  reviewerId: 1,
  reviewer: "ann",
  label: value,
  leftCandidateId: 1,
  isRepeat: false,
});
const pairs = [
  { pairId: 1, requestId: 9, candidateA: 1, candidateB: 2, isSameRequest: true },
  { pairId: 2, requestId: 9, candidateA: 1, candidateB: 3, isSameRequest: true },
];

describe("preferred candidate → export rows", () => {
  it("a human preference for the rejected attempt makes it the chosen, the others rejected", () => {
    const preferred = preferredByRequest(pairs, pairOutcomes([label(1, 1, "b")]));
    expect(preferred.get(9)).toBe(2);
    expect(decidePreference([chosen, rejectedPassing, rejectedFailing], record, preferred.get(9))).toEqual({
      action: "change",
      changes: { output_image: "n/1.png", rejected_images: ["n/1b.png", "p/1_retry1.png"] },
      byHuman: true,
    });
    expect(decideSft([chosen, rejectedPassing], chosen.imagePath, preferred.get(9))).toMatchObject({
      action: "change",
      changes: { output_image: "n/1.png" },
    });
  });
  it("a human preference for the manifest's chosen keeps the row, even when the judge passes a rejected attempt", () => {
    const preferred = preferredByRequest(pairs, pairOutcomes([label(1, 1, "a")]));
    expect(decidePreference([chosen, rejectedPassing, rejectedFailing], record, preferred.get(9))).toEqual({ action: "keep" });
    // Without labels the passing rejected attempt is no longer a negative.
    expect(decidePreference([chosen, rejectedPassing, rejectedFailing], record, undefined)).toMatchObject({
      action: "change",
      changes: { rejected_images: ["n/1b.png"] },
    });
  });
  it("ties and both-bad give no preference, so the rows follow the verdicts", () => {
    const preferred = preferredByRequest(pairs, pairOutcomes([label(1, 1, "tie"), label(2, 2, "both_bad")]));
    expect(preferred.size).toBe(0);
  });
  it("a preferred candidate that fails does not become the chosen", () => {
    const preferred = preferredByRequest(pairs, pairOutcomes([label(1, 2, "b")]));
    expect(preferred.get(9)).toBe(3);
    expect(decidePreference([chosen, rejectedPassing, rejectedFailing], record, preferred.get(9))).toMatchObject({
      action: "change",
      changes: { output_image: chosen.imagePath },
    });
  });
});
