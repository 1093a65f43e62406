// No anchoring on the item data (pure): colleagues' decisions and what derives from them are left
// out until the viewer has a decision of their own that still counts.
import { describe, expect, it } from "vitest";
import type { ItemDetail, ReviewView } from "../review/types";
import { blindItemDetail, hasOwnLiveDecision } from "./blind";

const review = (id: number, reviewerId: number, verdict: ReviewView["verdict"], extra: Partial<ReviewView> = {}): ReviewView => ({
  id,
  reviewer: `r${reviewerId}`,
  reviewerId,
  verdict,
  scores: { instruction_compliance: null, seamlessness: null, preservation_balance: null, technical_quality: null },
  reasonTags: [],
  note: null,
  judgeVerdictThen: null,
  source: "ui",
  undoOf: null,
  isUndone: false,
  createdAt: "2026-01-01T00:00:00.000Z",
  ...extra,
});

function detail(reviews: ReviewView[]): ItemDetail {
  return {
    datasetId: 1,
    threshold: 0.7,
    weights: { instruction_compliance: 0.4, seamlessness: 0.25, preservation_balance: 0.2, technical_quality: 0.15 },
    candidate: {
      id: 10,
      imagePath: "a.png",
      role: "output",
      prior: "pass",
      attempt: null,
      judgeOverall: 0.4,
      judgeVerdict: "fail",
      humanVerdict: "pass",
      effectiveVerdict: "pass",
      reviewCount: 2,
      isDisagreement: true,
      isInPair: false,
    },
    request: {} as ItemDetail["request"],
    judgements: [],
    reviews,
    siblings: [
      { id: 10, imagePath: "a.png", role: "output", effectiveVerdict: "pass", judgeOverall: 0.4, attempt: null },
      { id: 11, imagePath: "b.png", role: "rejected", effectiveVerdict: "pass", judgeOverall: null, attempt: 1 },
    ],
    session: null,
  };
}

describe("blindItemDetail", () => {
  it("hides colleagues' decisions and the verdicts they make until the viewer decided", () => {
    const item = detail([review(2, 7, "accept"), review(1, 8, "accept")]);
    const blind = blindItemDetail(item, 9, new Map([[11, { judgeVerdict: "none", prior: "fail" }]]));
    expect(blind.reviews).toEqual([]);
    expect(blind.candidate).toMatchObject({ humanVerdict: "none", effectiveVerdict: "fail", reviewCount: 0, isDisagreement: false });
    expect(blind.siblings.map((sibling) => sibling.effectiveVerdict)).toEqual(["fail", "fail"]);
    expect(JSON.stringify(blind)).not.toMatch(/accept|r7|r8/);
  });

  it("an undone decision does not open the item; a live one does", () => {
    const undone = detail([review(3, 9, "reject", { isUndone: true }), review(2, 7, "accept")]);
    expect(hasOwnLiveDecision(undone.reviews, 9)).toBe(false);
    const blind = blindItemDetail(undone, 9, new Map());
    expect(blind.reviews.map((entry) => entry.reviewerId)).toEqual([9]);
    const live = detail([review(3, 9, "reject"), review(2, 7, "accept")]);
    expect(blindItemDetail(live, 9, new Map())).toEqual(live);
  });

  it("an item only the viewer decided, or no one, is shown as it is", () => {
    const mine = detail([review(1, 9, "accept")]);
    expect(blindItemDetail(mine, 9, new Map())).toEqual(mine);
    const none = detail([]);
    expect(blindItemDetail(none, 9, new Map())).toEqual(none);
  });
});
