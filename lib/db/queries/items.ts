import "server-only";
// Everything the item page shows for one candidate: its request, the dataset's rubric, every
// judgement (overall recomputed under the current weights), the full decision history, the other
// candidates of the request and, for multi-turn, the whole session.
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { blindItemDetail } from "../../team/blind";
import type { DbHandle } from "../client";
import { col, queryRows } from "../rows";
import { HAS_DECIDED } from "./team-sql";
import { candidates, judgements, requests, sessions, type Dataset } from "../schema";
import { CRITERIA, lookupEditType, type Weights } from "../../taxonomy";
import { judgeOutcome, weightedOverall, type CriterionScores } from "../../verdict";
import type { JudgementView, ReviewView, SiblingView, TurnView, ItemDetail } from "../../review/types";
export type { JudgementView, ReviewView, SiblingView, TurnView, ItemDetail };

const iso = (date: Date) => date.toISOString();

export function datasetWeights(
  dataset: Pick<Dataset, "weightCompliance" | "weightSeamlessness" | "weightPreservation" | "weightQuality">,
): Weights {
  return {
    instruction_compliance: dataset.weightCompliance,
    seamlessness: dataset.weightSeamlessness,
    preservation_balance: dataset.weightPreservation,
    technical_quality: dataset.weightQuality,
  };
}

function scoresOf(row: {
  instructionCompliance: number | null;
  seamlessness: number | null;
  preservationBalance: number | null;
  technicalQuality: number | null;
}): CriterionScores {
  return {
    instruction_compliance: row.instructionCompliance,
    seamlessness: row.seamlessness,
    preservation_balance: row.preservationBalance,
    technical_quality: row.technicalQuality,
  };
}

const reviewRow = z.object({
  id: col.int,
  reviewerName: col.text,
  reviewerId: col.int,
  verdict: col.verdict,
  instructionCompliance: col.nullableNumber,
  seamlessness: col.nullableNumber,
  preservationBalance: col.nullableNumber,
  technicalQuality: col.nullableNumber,
  reasonTags: z.array(z.string()).nullable(),
  note: col.nullableText,
  judgeVerdictThen: col.nullableText,
  source: col.text,
  undoOf: col.nullableInt,
  isUndone: col.bool,
  createdAt: col.date,
});

const turnRow = z.object({
  turn: col.int,
  candidateId: col.int,
  imagePath: col.text,
  sourceImage: col.text,
  prompt: col.text,
  effectiveVerdict: col.text,
  humanVerdict: col.text,
}) satisfies z.ZodType<TurnView>;

/**
 * The item as `viewerId` may see it (no anchoring, lib/team/blind): until the viewer has decided an
 * item, colleagues' decisions and the verdicts derived from them are left out of what is sent.
 */
export async function getItemDetail(db: DbHandle, dataset: Dataset, candidateId: number, viewerId: number): Promise<ItemDetail | null> {
  const detail = await getFullItemDetail(db, dataset, candidateId);
  if (!detail) return null;
  const others = [
    ...new Set([...detail.siblings.map((sibling) => sibling.id), ...(detail.session?.turns.map((turn) => turn.candidateId) ?? [])]),
  ];
  const hidden = await queryRows(
    db,
    z.object({ id: col.int, judge_verdict: col.text, prior: col.text }),
    `SELECT c.id, c.judge_verdict, c.prior FROM candidates c
     WHERE c.id = ANY($1::bigint[]) AND c.review_count > 0 AND NOT ${HAS_DECIDED("c.id", "$2::int")}
       AND EXISTS (SELECT 1 FROM reviews o WHERE o.candidate_id = c.id AND o.reviewer_id <> $2::int)`,
    [others, viewerId],
  );
  return blindItemDetail(detail, viewerId, new Map(hidden.map((row) => [row.id, { judgeVerdict: row.judge_verdict, prior: row.prior }])));
}

/** Everything about the item, every reviewer's decisions included: for admins adjudicating, never sent to a reviewer as is. */
export async function getFullItemDetail(db: DbHandle, dataset: Dataset, candidateId: number): Promise<ItemDetail | null> {
  // The candidate with its request in one statement (each round trip costs CPU under load).
  const [row] = await db.db
    .select({ candidate: candidates, request: requests })
    .from(candidates)
    .innerJoin(requests, eq(requests.id, candidates.requestId))
    .where(and(eq(candidates.id, candidateId), eq(candidates.datasetId, dataset.id)));
  if (!row) return null;
  const { candidate, request } = row;
  const weights = datasetWeights(dataset);
  const [judgementRows, reviewRows, siblingRows, sessionRows, turns] = await Promise.all([
    db.db.select().from(judgements).where(eq(judgements.candidateId, candidateId)).orderBy(desc(judgements.id)),
    queryRows(
      db,
      reviewRow,
      `SELECT r.id, v.name AS "reviewerName", r.reviewer_id AS "reviewerId", r.verdict, r.instruction_compliance AS "instructionCompliance",
              r.seamlessness, r.preservation_balance AS "preservationBalance", r.technical_quality AS "technicalQuality",
              r.reason_tags AS "reasonTags", r.note, r.judge_verdict_then AS "judgeVerdictThen", r.source, r.undo_of AS "undoOf",
              EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id) AS "isUndone", r.created_at AS "createdAt"
       FROM reviews r JOIN reviewers v ON v.id = r.reviewer_id WHERE r.candidate_id = $1 ORDER BY r.id DESC`,
      [candidateId],
    ),
    db.db
      .select({
        id: candidates.id,
        imagePath: candidates.imagePath,
        role: candidates.role,
        effectiveVerdict: candidates.effectiveVerdict,
        judgeOverall: candidates.judgeOverall,
        attempt: candidates.attempt,
      })
      .from(candidates)
      .where(eq(candidates.requestId, candidate.requestId))
      .orderBy(sql`${candidates.attempt} NULLS LAST`, candidates.id),
    request.sessionId === null ? [] : db.db.select().from(sessions).where(eq(sessions.id, request.sessionId)),
    request.sessionId === null
      ? []
      : queryRows(
          db,
          turnRow,
          `SELECT r.turn, r.text AS prompt, r.source_image AS "sourceImage", c.id AS "candidateId", c.image_path AS "imagePath",
                  c.effective_verdict AS "effectiveVerdict", c.human_verdict AS "humanVerdict"
           FROM requests r JOIN candidates c ON c.request_id = r.id WHERE r.session_id = $1 ORDER BY r.turn, c.id`,
          [request.sessionId],
        ),
  ]);
  const info = lookupEditType(request.editType);
  const [sessionRow] = sessionRows;
  const session: ItemDetail["session"] = sessionRow
    ? { id: sessionRow.id, originalUrl: sessionRow.originalUrl, turnCount: sessionRow.turnCount, turns }
    : null;
  const overall = candidate.judgeOverall;
  return {
    datasetId: dataset.id,
    threshold: dataset.threshold,
    weights,
    candidate: {
      id: candidate.id,
      imagePath: candidate.imagePath,
      role: candidate.role,
      prior: candidate.prior,
      attempt: candidate.attempt,
      judgeOverall: overall < 0 ? null : overall,
      judgeVerdict: candidate.judgeVerdict,
      humanVerdict: candidate.humanVerdict,
      effectiveVerdict: candidate.effectiveVerdict,
      reviewCount: candidate.reviewCount,
      isDisagreement: candidate.isDisagreement,
      isInPair: candidate.isInPair,
    },
    request: {
      id: request.id,
      sourceImage: request.sourceImage,
      localSourceImage: request.localSourceImage,
      text: request.text,
      summarizedText: request.summarizedText,
      isIdenticalText: candidate.isIdenticalText,
      editType: request.editType,
      group: candidate.groupName,
      isKnownType: candidate.isKnownType,
      paperSuccessRate: info?.paperSuccessRate ?? null,
      paperRows: info?.sftRows ?? null,
      sessionId: request.sessionId,
      turn: request.turn,
    },
    judgements: judgementRows.map((row) => {
      const scores = scoresOf(row);
      const value = weightedOverall(scores, weights, row.reportedOverall);
      return {
        id: row.id,
        judgeId: row.judgeId,
        scores,
        overall: value,
        reportedOverall: row.reportedOverall,
        verdict: row.error ? "none" : judgeOutcome(value, dataset.threshold),
        scoredCriteria: CRITERIA.filter((criterion) => scores[criterion] !== null).length,
        rationale: row.rationale,
        error: row.error,
        raw: row.raw,
        inputTokens: row.inputTokens,
        outputTokens: row.outputTokens,
        costUsd: row.costUsd,
        createdAt: iso(row.createdAt),
      };
    }),
    reviews: reviewRows.map((row) => ({
      id: row.id,
      reviewer: row.reviewerName,
      reviewerId: row.reviewerId,
      verdict: row.verdict,
      scores: scoresOf(row),
      reasonTags: row.reasonTags ?? [],
      note: row.note,
      judgeVerdictThen: row.judgeVerdictThen,
      source: row.source,
      undoOf: row.undoOf,
      isUndone: row.isUndone,
      createdAt: iso(row.createdAt),
    })),
    siblings: siblingRows.map((row) => ({
      ...row,
      judgeOverall: row.judgeOverall < 0 ? null : row.judgeOverall,
    })),
    session,
  };
}
