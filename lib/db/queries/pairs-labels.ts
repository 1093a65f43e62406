import "server-only";
// Reads over pair labels: every live label of a dataset (agreement statistics and the export's
// human decisions work on these in memory; labels are human-made, so thousands, not millions),
// and the pairs list with each pair's label history.
import type { SqlRunner } from "../client";
import type { PairLabel, PairOrigin } from "../schema";
import type { AgreementPair } from "../../pairs/agreement";
import type { LiveLabel } from "../../pairs/preferred";
import { LIVE_LABEL } from "./pairs";
import type { PairListLabel, PairListCandidate, PairListRow } from "../../pairs/types";
export type { PairListLabel, PairListCandidate, PairListRow };

export async function liveLabels(db: SqlRunner, datasetId: number): Promise<LiveLabel[]> {
  const rows = await db.query<{
    id: string;
    pair_id: string;
    reviewer_id: number;
    name: string;
    label: PairLabel;
    left_candidate_id: string;
    is_repeat: boolean;
  }>(
    `SELECT l.id, l.pair_id, l.reviewer_id, v.name, l.label, l.left_candidate_id, l.is_repeat
     FROM pair_labels l JOIN pairs p ON p.id = l.pair_id JOIN reviewers v ON v.id = l.reviewer_id
     WHERE p.dataset_id = $1 AND ${LIVE_LABEL} ORDER BY l.id`,
    [datasetId],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    pairId: Number(row.pair_id),
    reviewerId: Number(row.reviewer_id),
    reviewer: row.name,
    label: row.label,
    leftCandidateId: Number(row.left_candidate_id),
    isRepeat: Boolean(row.is_repeat),
  }));
}

/** The facts agreement statistics need about the labelled pairs. */
export async function agreementPairs(db: SqlRunner, pairIds: readonly number[]): Promise<Map<number, AgreementPair>> {
  if (pairIds.length === 0) return new Map();
  const rows = await db.query<{
    id: string;
    candidate_a: string;
    candidate_b: string;
    edit_type: string;
    overall_a: number;
    overall_b: number;
  }>(
    `SELECT p.id, p.candidate_a, p.candidate_b, r.edit_type, ca.judge_overall AS overall_a, cb.judge_overall AS overall_b
     FROM pairs p JOIN requests r ON r.id = p.request_id JOIN candidates ca ON ca.id = p.candidate_a JOIN candidates cb ON cb.id = p.candidate_b
     WHERE p.id = ANY($1::bigint[])`,
    [[...new Set(pairIds)]],
  );
  const judged = (value: number) => (Number(value) < 0 ? null : Number(value));
  return new Map(
    rows.map((row) => [
      Number(row.id),
      {
        pairId: Number(row.id),
        candidateA: Number(row.candidate_a),
        candidateB: Number(row.candidate_b),
        editType: row.edit_type,
        overallA: judged(row.overall_a),
        overallB: judged(row.overall_b),
      },
    ]),
  );
}

export type PairListQuery = {
  origin?: PairOrigin;
  editType?: string;
  status?: "unlabelled" | "labelled";
  ids?: readonly number[];
  after?: number;
  limit: number;
};

/** One page of pairs (keyset on id), with their full label history (undo rows folded into isUndone). */
export async function listPairs(
  db: SqlRunner,
  datasetId: number,
  query: PairListQuery,
): Promise<{ rows: PairListRow[]; hasMore: boolean }> {
  const params: unknown[] = [datasetId, query.after ?? 0];
  const where: string[] = [];
  if (query.origin) where.push(`p.origin = $${params.push(query.origin)}`);
  if (query.editType) where.push(`r.edit_type = $${params.push(query.editType)}`);
  if (query.ids) where.push(`p.id = ANY($${params.push(query.ids)}::bigint[])`);
  const labelled = `EXISTS (SELECT 1 FROM pair_labels l WHERE l.pair_id = p.id AND l.label <> 'skip' AND ${LIVE_LABEL})`;
  if (query.status === "labelled") where.push(labelled);
  if (query.status === "unlabelled") where.push(`NOT ${labelled}`);
  const rows = await db.query<Record<string, unknown>>(
    `SELECT p.id, p.origin, p.request_id, r.edit_type, r.summarized_text, r.source_image,
            ca.id AS a_id, ca.image_path AS a_path, ca.role AS a_role, ca.judge_overall AS a_overall, ca.effective_verdict AS a_verdict,
            cb.id AS b_id, cb.image_path AS b_path, cb.role AS b_role, cb.judge_overall AS b_overall, cb.effective_verdict AS b_verdict
     FROM pairs p JOIN requests r ON r.id = p.request_id JOIN candidates ca ON ca.id = p.candidate_a JOIN candidates cb ON cb.id = p.candidate_b
     WHERE p.dataset_id = $1 AND p.id > $2 ${where.map((clause) => `AND ${clause}`).join(" ")}
     ORDER BY p.id LIMIT ${query.limit + 1}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => Number(row.id));
  const labels = ids.length
    ? await db.query<{
        id: string;
        pair_id: string;
        name: string;
        label: PairLabel;
        left_candidate_id: string;
        is_repeat: boolean;
        is_undone: boolean;
        created_at: Date | string;
      }>(
        `SELECT l.id, l.pair_id, v.name, l.label, l.left_candidate_id, l.is_repeat, EXISTS (SELECT 1 FROM pair_labels u WHERE u.undo_of = l.id) AS is_undone, l.created_at
         FROM pair_labels l JOIN reviewers v ON v.id = l.reviewer_id WHERE l.pair_id = ANY($1::bigint[]) AND l.undo_of IS NULL ORDER BY l.id`,
        [ids],
      )
    : [];
  const candidate = (row: Record<string, unknown>, prefix: "a" | "b"): PairListCandidate => ({
    id: Number(row[`${prefix}_id`]),
    imagePath: String(row[`${prefix}_path`]),
    role: String(row[`${prefix}_role`]),
    judgeOverall: Number(row[`${prefix}_overall`]) < 0 ? null : Number(row[`${prefix}_overall`]),
    effectiveVerdict: String(row[`${prefix}_verdict`]),
  });
  return {
    hasMore: rows.length > query.limit,
    rows: page.map((row) => ({
      pairId: Number(row.id),
      origin: row.origin as PairOrigin,
      requestId: Number(row.request_id),
      editType: String(row.edit_type),
      summarizedText: String(row.summarized_text),
      sourceImage: String(row.source_image),
      a: candidate(row, "a"),
      b: candidate(row, "b"),
      labels: labels
        .filter((label) => Number(label.pair_id) === Number(row.id))
        .map((label) => ({
          id: Number(label.id),
          reviewer: label.name,
          label: label.label,
          leftCandidateId: Number(label.left_candidate_id),
          isRepeat: Boolean(label.is_repeat),
          isUndone: Boolean(label.is_undone),
          createdAt: label.created_at instanceof Date ? label.created_at.toISOString() : String(label.created_at),
        })),
    })),
  };
}

/** Edit types that have pairs, for the queue and list filters. */
export async function pairEditTypes(db: SqlRunner, datasetId: number): Promise<{ editType: string; pairs: number }[]> {
  const rows = await db.query<{ edit_type: string; count: string }>(
    "SELECT r.edit_type, count(*) AS count FROM pairs p JOIN requests r ON r.id = p.request_id WHERE p.dataset_id = $1 GROUP BY r.edit_type ORDER BY r.edit_type",
    [datasetId],
  );
  return rows.map((row) => ({ editType: row.edit_type, pairs: Number(row.count) }));
}

/** Every edit type of the dataset's requests (the mining form can restrict to one). */
export async function datasetEditTypes(db: SqlRunner, datasetId: number): Promise<string[]> {
  const rows = await db.query<{ edit_type: string }>("SELECT DISTINCT edit_type FROM requests WHERE dataset_id = $1 ORDER BY edit_type", [
    datasetId,
  ]);
  return rows.map((row) => row.edit_type);
}
