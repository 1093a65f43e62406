// A reviewer's own decision on an item as it stands: their latest decision that is not an undo
// and was not undone (an undo makes their previous decision count again). Pure.
import type { Verdict } from "./enums";

/** One of the reviewer's decisions that still counts, as the server lists them after a reload. */
export type OwnDecision = { reviewId: number; candidateId: number; verdict: Verdict };
export type DecisionRow = {
  reviewerId: number;
  verdict: "accept" | "reject" | "unsure";
  undoOf: number | null;
  isUndone: boolean;
  id: number;
};

export function ownCurrentVerdict(reviews: readonly DecisionRow[], reviewerId: number): DecisionRow["verdict"] | null {
  let latest: DecisionRow | null = null;
  for (const review of reviews) {
    if (review.reviewerId !== reviewerId || review.undoOf !== null || review.isUndone) continue;
    if (!latest || review.id > latest.id) latest = review;
  }
  return latest?.verdict ?? null;
}
