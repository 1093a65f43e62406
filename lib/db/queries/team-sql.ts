import "server-only";
// SQL fragments shared by the team-work queries.

/**
 * A reviewer's live decision on a candidate: not an undo and not undone (the rule of
 * candidate-state.ts's latest_review). `review` is the alias of a reviews row.
 */
export const LIVE_REVIEW = (review: string) =>
  `${review}.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = ${review}.id)`;

/** EXISTS: reviewer `reviewerColumn` has a live decision on candidate `candidateColumn`. */
export const HAS_DECIDED = (candidateColumn: string, reviewerColumn: string) =>
  `EXISTS (SELECT 1 FROM reviews d WHERE d.candidate_id = ${candidateColumn} AND d.reviewer_id = ${reviewerColumn} AND ${LIVE_REVIEW("d")})`;
