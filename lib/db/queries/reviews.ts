import "server-only";
// Decisions are append-only: a decision is a new row, an undo is a new row pointing at the one it
// cancels. Each write locks the candidate row first, so two reviewers deciding the same item at
// once are serialised: both rows land and the recomputed verdict sees both (no lost update).
import { z } from "zod";
import type { DbHandle, SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";
import type { ReasonTag, Verdict } from "../schema";
import type { CriterionScores } from "../../verdict";
import type { OwnDecision } from "../../review/own-decision";
import { REFRESH_SQL, refreshCandidates } from "./candidate-state";

export class ReviewError extends Error {}

export type CandidateState = {
  id: number;
  judgeVerdict: string;
  humanVerdict: string;
  effectiveVerdict: string;
  reviewCount: number;
  isDisagreement: boolean;
};

const idRow = z.object({ id: col.int });
const candidateState = z.object({
  id: col.int,
  judgeVerdict: col.text,
  humanVerdict: col.text,
  effectiveVerdict: col.text,
  reviewCount: col.int,
  isDisagreement: col.bool,
}) satisfies z.ZodType<CandidateState>;

async function lockCandidate(tx: SqlRunner, datasetId: number, candidateId: number) {
  const [row] = await queryRows(
    tx,
    z.object({ id: col.int, judge_verdict: col.text }),
    "SELECT id, judge_verdict FROM candidates WHERE id = $1 AND dataset_id = $2 FOR UPDATE",
    [candidateId, datasetId],
  );
  if (!row) throw new ReviewError(`Candidate ${candidateId} is not in this dataset (it may have been removed); reload the page.`);
  return row;
}

async function stateOf(tx: SqlRunner, candidateId: number): Promise<CandidateState> {
  return queryOne(
    tx,
    candidateState,
    `SELECT id, judge_verdict AS "judgeVerdict", human_verdict AS "humanVerdict", effective_verdict AS "effectiveVerdict",
            review_count AS "reviewCount", is_disagreement AS "isDisagreement"
     FROM candidates WHERE id = $1`,
    [candidateId],
  );
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
  // Two statements inside the transaction instead of four (each round trip costs the app server
  // CPU under load): the insert locks the candidate in its CTE (as lockCandidate does) and takes
  // the judge verdict of the moment from it; the re-derivation returns the new state.
  return db.transaction(async (tx) => {
    const [inserted] = await queryRows(
      tx,
      idRow,
      `WITH locked AS (SELECT id, judge_verdict FROM candidates WHERE id = $1 AND dataset_id = $12 FOR UPDATE)
       INSERT INTO reviews (candidate_id, reviewer_id, verdict, instruction_compliance, seamlessness, preservation_balance, technical_quality, reason_tags, note, judge_verdict_then, sample_id, sample_probability)
       SELECT locked.id, $2::int, $3::text, $4::float8, $5::float8, $6::float8, $7::float8, $8::jsonb, $9::text, locked.judge_verdict, $10::int, $11::float8
       FROM locked RETURNING id`,
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
        review.sampleId ?? null,
        review.sampleProbability ?? null,
        review.datasetId,
      ],
    );
    if (!inserted)
      throw new ReviewError(`Candidate ${review.candidateId} is not in this dataset (it may have been removed); reload the page.`);
    const state = await queryOne(
      tx,
      candidateState,
      `${REFRESH_SQL}
       RETURNING c.id, c.judge_verdict AS "judgeVerdict", c.human_verdict AS "humanVerdict", c.effective_verdict AS "effectiveVerdict",
                 c.review_count AS "reviewCount", c.is_disagreement AS "isDisagreement"`,
      [[review.candidateId]],
    );
    return { reviewId: inserted.id, state };
  });
}

/** Undoes one of the reviewer's own decisions (the previous one, if any, counts again). */
export async function undoReview(
  db: DbHandle,
  input: { datasetId: number; reviewId: number; reviewerId: number },
): Promise<{ undoId: number; state: CandidateState }> {
  return db.transaction(async (tx) => {
    const [review] = await queryRows(
      tx,
      z.object({ candidate_id: col.int, reviewer_id: col.int, undo_of: col.nullableInt }),
      "SELECT candidate_id, reviewer_id, undo_of FROM reviews WHERE id = $1",
      [input.reviewId],
    );
    if (!review) throw new ReviewError(`Decision ${input.reviewId} does not exist.`);
    if (review.undo_of !== null) throw new ReviewError(`Decision ${input.reviewId} is itself an undo; decide again instead.`);
    if (review.reviewer_id !== input.reviewerId)
      throw new ReviewError("You can only undo your own decisions (switch reviewer to the one who made it).");
    const candidateId = review.candidate_id;
    await lockCandidate(tx, input.datasetId, candidateId);
    const [already] = await queryRows(tx, z.object({}), "SELECT 1 FROM reviews WHERE undo_of = $1", [input.reviewId]);
    if (already) throw new ReviewError(`Decision ${input.reviewId} was already undone.`);
    const inserted = await queryOne(
      tx,
      idRow,
      `INSERT INTO reviews (candidate_id, reviewer_id, verdict, reason_tags, undo_of, judge_verdict_then, note)
       SELECT candidate_id, reviewer_id, verdict, '[]'::jsonb, id, judge_verdict_then, 'undo' FROM reviews WHERE id = $1 RETURNING id`,
      [input.reviewId],
    );
    await refreshCandidates(tx, [candidateId]);
    return { undoId: inserted.id, state: await stateOf(tx, candidateId) };
  });
}

/**
 * The reviewer's latest decisions in a dataset that still count (not undone, not undos), oldest
 * first: after a reload the review screen can still undo them, as it could before.
 */
export async function recentOwnDecisions(db: DbHandle, datasetId: number, reviewerId: number, limit = 10): Promise<OwnDecision[]> {
  const rows = await queryRows(
    db,
    z.object({ reviewId: col.int, candidateId: col.int, verdict: col.verdict }) satisfies z.ZodType<OwnDecision>,
    `SELECT r.id AS "reviewId", r.candidate_id AS "candidateId", r.verdict FROM reviews r JOIN candidates c ON c.id = r.candidate_id
     WHERE r.reviewer_id = $1 AND c.dataset_id = $2 AND r.undo_of IS NULL AND r.source = 'ui'
       AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id)
     ORDER BY r.id DESC LIMIT $3`,
    [reviewerId, datasetId, limit],
  );
  return rows.reverse();
}
