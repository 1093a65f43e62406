import "server-only";
// Decisions are append-only: a decision is a new row, an undo is a new row pointing at the one it
// cancels. Each write locks the candidate row first, so two reviewers deciding the same item at
// once are serialised: both rows land and the recomputed verdict sees both (no lost update).
import type { DbHandle, SqlRunner } from "../client";
import type { ReasonTag, Verdict } from "../schema";
import type { CriterionScores } from "../../verdict";
import type { OwnDecision } from "../../review/own-decision";
import { refreshCandidates } from "./candidate-state";

export class ReviewError extends Error {}

export type CandidateState = {
  id: number;
  judgeVerdict: string;
  humanVerdict: string;
  effectiveVerdict: string;
  reviewCount: number;
  isDisagreement: boolean;
};

async function lockCandidate(tx: SqlRunner, datasetId: number, candidateId: number) {
  const [row] = await tx.query<{ id: string; judge_verdict: string }>(
    "SELECT id, judge_verdict FROM candidates WHERE id = $1 AND dataset_id = $2 FOR UPDATE",
    [candidateId, datasetId],
  );
  if (!row) throw new ReviewError(`Candidate ${candidateId} is not in this dataset (it may have been removed); reload the page.`);
  return row;
}

async function stateOf(tx: SqlRunner, candidateId: number): Promise<CandidateState> {
  const [row] = await tx.query<Record<string, unknown>>(
    "SELECT id, judge_verdict, human_verdict, effective_verdict, review_count, is_disagreement FROM candidates WHERE id = $1",
    [candidateId],
  );
  return {
    id: Number(row.id),
    judgeVerdict: String(row.judge_verdict),
    humanVerdict: String(row.human_verdict),
    effectiveVerdict: String(row.effective_verdict),
    reviewCount: Number(row.review_count),
    isDisagreement: Boolean(row.is_disagreement),
  };
}

export type NewReview = {
  datasetId: number;
  candidateId: number;
  reviewerId: number;
  verdict: Verdict;
  scores?: Partial<CriterionScores>;
  reasonTags: ReasonTag[];
  note?: string | null;
  sampleId?: number | null;
  sampleProbability?: number | null;
};

export async function addReview(db: DbHandle, review: NewReview): Promise<{ reviewId: number; state: CandidateState }> {
  return db.transaction(async (tx) => {
    const locked = await lockCandidate(tx, review.datasetId, review.candidateId);
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO reviews (candidate_id, reviewer_id, verdict, instruction_compliance, seamlessness, preservation_balance, technical_quality, reason_tags, note, judge_verdict_then, sample_id, sample_probability)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12) RETURNING id`,
      [
        review.candidateId,
        review.reviewerId,
        review.verdict,
        review.scores?.instruction_compliance ?? null,
        review.scores?.seamlessness ?? null,
        review.scores?.preservation_balance ?? null,
        review.scores?.technical_quality ?? null,
        JSON.stringify(review.reasonTags),
        review.note || null,
        locked.judge_verdict,
        review.sampleId ?? null,
        review.sampleProbability ?? null,
      ],
    );
    await refreshCandidates(tx, [review.candidateId]);
    return { reviewId: Number(inserted.id), state: await stateOf(tx, review.candidateId) };
  });
}

/** Undoes one of the reviewer's own decisions (the previous one, if any, counts again). */
export async function undoReview(
  db: DbHandle,
  input: { datasetId: number; reviewId: number; reviewerId: number },
): Promise<{ undoId: number; state: CandidateState }> {
  return db.transaction(async (tx) => {
    const [review] = await tx.query<{ candidate_id: string; reviewer_id: number; undo_of: string | null }>(
      "SELECT candidate_id, reviewer_id, undo_of FROM reviews WHERE id = $1",
      [input.reviewId],
    );
    if (!review) throw new ReviewError(`Decision ${input.reviewId} does not exist.`);
    if (review.undo_of !== null) throw new ReviewError(`Decision ${input.reviewId} is itself an undo; decide again instead.`);
    if (review.reviewer_id !== input.reviewerId)
      throw new ReviewError("You can only undo your own decisions (switch reviewer to the one who made it).");
    const candidateId = Number(review.candidate_id);
    await lockCandidate(tx, input.datasetId, candidateId);
    const [already] = await tx.query("SELECT 1 FROM reviews WHERE undo_of = $1", [input.reviewId]);
    if (already) throw new ReviewError(`Decision ${input.reviewId} was already undone.`);
    const [inserted] = await tx.query<{ id: string }>(
      `INSERT INTO reviews (candidate_id, reviewer_id, verdict, reason_tags, undo_of, judge_verdict_then, note)
       SELECT candidate_id, reviewer_id, verdict, '[]'::jsonb, id, judge_verdict_then, 'undo' FROM reviews WHERE id = $1 RETURNING id`,
      [input.reviewId],
    );
    await refreshCandidates(tx, [candidateId]);
    return { undoId: Number(inserted.id), state: await stateOf(tx, candidateId) };
  });
}

/**
 * The reviewer's latest decisions in a dataset that still count (not undone, not undos), oldest
 * first: after a reload the review screen can still undo them, as it could before.
 */
export async function recentOwnDecisions(db: DbHandle, datasetId: number, reviewerId: number, limit = 10): Promise<OwnDecision[]> {
  const rows = await db.query<{ id: string; candidate_id: string; verdict: Verdict }>(
    `SELECT r.id, r.candidate_id, r.verdict FROM reviews r JOIN candidates c ON c.id = r.candidate_id
     WHERE r.reviewer_id = $1 AND c.dataset_id = $2 AND r.undo_of IS NULL AND r.source = 'ui'
       AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id)
     ORDER BY r.id DESC LIMIT $3`,
    [reviewerId, datasetId, limit],
  );
  return rows.map((row) => ({ reviewId: Number(row.id), candidateId: Number(row.candidate_id), verdict: row.verdict })).reverse();
}
