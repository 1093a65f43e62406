import "server-only";
// Everything the item page shows for one candidate: its request, the dataset's rubric, every
// judgement (overall recomputed under the current weights), the full decision history, the other
// candidates of the request and, for multi-turn, the whole session.
import { z } from "zod";
import { blindItemDetail } from "../../team/blind";
import type { DbHandle } from "../client";
import { col, queryRows } from "../rows";
import { HAS_DECIDED } from "./team-sql";
import type { Dataset } from "../schema";
import { CRITERIA, lookupEditType, type Criterion, type Weights } from "../../taxonomy";
import { judgeOutcome, weightedOverall, type CriterionScores } from "../../verdict";
import type { JudgementView, ReviewView, SiblingView, TurnView, ItemDetail } from "../../review/types";
export type { JudgementView, ReviewView, SiblingView, TurnView, ItemDetail };

type Row = Record<string, unknown>;
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));
const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

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

function scoresOf(row: Row): CriterionScores {
  return Object.fromEntries(CRITERIA.map((criterion: Criterion) => [criterion, num(row[criterion])])) as CriterionScores;
}

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
  const [candidate] = await db.query<Row>("SELECT * FROM candidates WHERE id = $1 AND dataset_id = $2", [candidateId, dataset.id]);
  if (!candidate) return null;
  const [request] = await db.query<Row>("SELECT * FROM requests WHERE id = $1", [candidate.request_id]);
  const weights = datasetWeights(dataset);
  const [judgementRows, reviewRows, siblingRows] = await Promise.all([
    db.query<Row>("SELECT * FROM judgements WHERE candidate_id = $1 ORDER BY id DESC", [candidateId]),
    db.query<Row>(
      `SELECT r.*, v.name AS reviewer_name, EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id) AS is_undone
       FROM reviews r JOIN reviewers v ON v.id = r.reviewer_id WHERE r.candidate_id = $1 ORDER BY r.id DESC`,
      [candidateId],
    ),
    db.query<Row>(
      "SELECT id, image_path, role, effective_verdict, judge_overall, attempt FROM candidates WHERE request_id = $1 ORDER BY attempt NULLS LAST, id",
      [candidate.request_id],
    ),
  ]);
  const info = lookupEditType(String(request.edit_type));
  let session: ItemDetail["session"] = null;
  if (request.session_id !== null) {
    const [sessionRow] = await db.query<Row>("SELECT * FROM sessions WHERE id = $1", [request.session_id]);
    const turns = await db.query<Row>(
      `SELECT r.turn, r.text, r.source_image, c.id AS candidate_id, c.image_path, c.effective_verdict, c.human_verdict
       FROM requests r JOIN candidates c ON c.request_id = r.id WHERE r.session_id = $1 ORDER BY r.turn, c.id`,
      [request.session_id],
    );
    session = {
      id: Number(sessionRow.id),
      originalUrl: String(sessionRow.original_url),
      turnCount: Number(sessionRow.turn_count),
      turns: turns.map((turn) => ({
        turn: Number(turn.turn),
        candidateId: Number(turn.candidate_id),
        imagePath: String(turn.image_path),
        sourceImage: String(turn.source_image),
        prompt: String(turn.text),
        effectiveVerdict: String(turn.effective_verdict),
        humanVerdict: String(turn.human_verdict),
      })),
    };
  }
  const overall = Number(candidate.judge_overall);
  return {
    datasetId: dataset.id,
    threshold: dataset.threshold,
    weights,
    candidate: {
      id: Number(candidate.id),
      imagePath: String(candidate.image_path),
      role: String(candidate.role),
      prior: String(candidate.prior),
      attempt: num(candidate.attempt),
      judgeOverall: overall < 0 ? null : overall,
      judgeVerdict: String(candidate.judge_verdict),
      humanVerdict: String(candidate.human_verdict),
      effectiveVerdict: String(candidate.effective_verdict),
      reviewCount: Number(candidate.review_count),
      isDisagreement: Boolean(candidate.is_disagreement),
      isInPair: Boolean(candidate.is_in_pair),
    },
    request: {
      id: Number(request.id),
      sourceImage: String(request.source_image),
      localSourceImage: (request.local_source_image as string | null) ?? null,
      text: String(request.text),
      summarizedText: String(request.summarized_text),
      isIdenticalText: Boolean(candidate.is_identical_text),
      editType: String(request.edit_type),
      group: String(candidate.group_name),
      isKnownType: Boolean(candidate.is_known_type),
      paperSuccessRate: info?.paperSuccessRate ?? null,
      paperRows: info?.sftRows ?? null,
      sessionId: num(request.session_id),
      turn: num(request.turn),
    },
    judgements: judgementRows.map((row) => {
      const scores = scoresOf(row);
      const value = weightedOverall(scores, weights, num(row.reported_overall));
      return {
        id: Number(row.id),
        judgeId: String(row.judge_id),
        scores,
        overall: value,
        reportedOverall: num(row.reported_overall),
        verdict: row.error ? "none" : judgeOutcome(value, dataset.threshold),
        scoredCriteria: CRITERIA.filter((criterion) => scores[criterion] !== null).length,
        rationale: (row.rationale as string | null) ?? null,
        error: (row.error as string | null) ?? null,
        raw: (row.raw as string | null) ?? null,
        inputTokens: num(row.input_tokens),
        outputTokens: num(row.output_tokens),
        costUsd: num(row.cost_usd),
        createdAt: iso(row.created_at),
      };
    }),
    reviews: reviewRows.map((row) => ({
      id: Number(row.id),
      reviewer: String(row.reviewer_name),
      reviewerId: Number(row.reviewer_id),
      verdict: row.verdict as ReviewView["verdict"],
      scores: scoresOf(row),
      reasonTags: (row.reason_tags as string[]) ?? [],
      note: (row.note as string | null) ?? null,
      judgeVerdictThen: (row.judge_verdict_then as string | null) ?? null,
      source: String(row.source),
      undoOf: num(row.undo_of),
      isUndone: Boolean(row.is_undone),
      createdAt: iso(row.created_at),
    })),
    siblings: siblingRows.map((row) => ({
      id: Number(row.id),
      imagePath: String(row.image_path),
      role: String(row.role),
      effectiveVerdict: String(row.effective_verdict),
      judgeOverall: Number(row.judge_overall) < 0 ? null : Number(row.judge_overall),
      attempt: num(row.attempt),
    })),
    session,
  };
}
