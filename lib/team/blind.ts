// No anchoring (pure): a reviewer does not see which way colleagues decided an item until they
// have decided it themselves. Applied to the item data a reviewer receives (the item page, the
// item JSON route, the queue walks) and to browse cards: colleagues' decisions are removed from the
// history, and the human-derived fields (human verdict, effective verdict, review count,
// disagreement) are replaced by what they would be with no human decision: the judge's verdict,
// else the manifest's prior. The adjudication page, for admins, reads decisions separately.
import type { ItemDetail } from "../review/types";
import { effectiveOutcome, type JudgeOutcome, type Prior } from "../verdict";

/** The effective verdict with no human decision: the judge's, else the prior. */
export function blindEffective(judgeVerdict: string, prior: string): string {
  return effectiveOutcome("none", judgeVerdict as JudgeOutcome, prior as Prior);
}

/** Whether the viewer has a decision that still counts (not an undo, not undone) among the item's reviews. */
export function hasOwnLiveDecision(reviews: ItemDetail["reviews"], viewerId: number): boolean {
  return reviews.some((review) => review.reviewerId === viewerId && review.undoOf === null && !review.isUndone);
}

/** Sibling or session candidates whose human verdicts the viewer may not see yet, with what to show instead. */
export type HiddenVerdicts = ReadonlyMap<number, { judgeVerdict: string; prior: string }>;

/** The item as the viewer may see it; `hidden` covers the other candidates shown with it (siblings, session turns). */
export function blindItemDetail(detail: ItemDetail, viewerId: number, hidden: HiddenVerdicts): ItemDetail {
  const isOpen = hasOwnLiveDecision(detail.reviews, viewerId);
  const othersDecided = detail.reviews.some((review) => review.reviewerId !== viewerId);
  const candidate =
    isOpen || !othersDecided
      ? detail.candidate
      : {
          ...detail.candidate,
          humanVerdict: "none",
          effectiveVerdict: blindEffective(detail.candidate.judgeVerdict, detail.candidate.prior),
          reviewCount: 0,
          isDisagreement: false,
        };
  const blindOther = (id: number) => {
    const entry = hidden.get(id);
    return entry ? blindEffective(entry.judgeVerdict, entry.prior) : null;
  };
  return {
    ...detail,
    candidate,
    reviews: isOpen ? detail.reviews : detail.reviews.filter((review) => review.reviewerId === viewerId),
    siblings: detail.siblings.map((sibling) => {
      if (sibling.id === detail.candidate.id) return { ...sibling, effectiveVerdict: candidate.effectiveVerdict };
      const blind = blindOther(sibling.id);
      return blind === null ? sibling : { ...sibling, effectiveVerdict: blind };
    }),
    session: detail.session && {
      ...detail.session,
      turns: detail.session.turns.map((turn) => {
        if (turn.candidateId === detail.candidate.id)
          return { ...turn, effectiveVerdict: candidate.effectiveVerdict, humanVerdict: candidate.humanVerdict };
        const blind = blindOther(turn.candidateId);
        return blind === null ? turn : { ...turn, effectiveVerdict: blind, humanVerdict: "none" };
      }),
    },
  };
}
