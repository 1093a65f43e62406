import "server-only";
// Reads over pair labels: every live label of a dataset (agreement statistics and the export's
// human decisions work on these in memory; labels are human-made, so thousands, not millions),
// and the pairs list with each pair's label history.
import { z } from "zod";
import type { SqlRunner } from "../client";
import type { PairOrigin } from "../schema";
import { col, nested, queryRows } from "../rows";
import type { AgreementPair } from "../../pairs/agreement";
import type { LiveLabel } from "../../pairs/preferred";
import { LIVE_LABEL } from "./pairs";
import type { PairListLabel, PairListCandidate, PairListRow } from "../../pairs/types";
export type { PairListLabel, PairListCandidate, PairListRow };

const liveLabel = z.object({
  id: col.int,
  pairId: col.int,
  reviewerId: col.int,
  reviewer: col.text,
  label: col.pairLabel,
  leftCandidateId: col.int,
  isRepeat: col.bool,
}) satisfies z.ZodType<LiveLabel>;

export async function liveLabels(db: SqlRunner, datasetId: number): Promise<LiveLabel[]> {
  return queryRows(
    db,
    liveLabel,
    `SELECT l.id, l.pair_id AS "pairId", l.reviewer_id AS "reviewerId", v.name AS reviewer, l.label,
            l.left_candidate_id AS "leftCandidateId", l.is_repeat AS "isRepeat"
     FROM pair_labels l JOIN pairs p ON p.id = l.pair_id JOIN reviewers v ON v.id = l.reviewer_id
     WHERE p.dataset_id = $1 AND ${LIVE_LABEL} ORDER BY l.id`,
    [datasetId],
  );
}

const judged = col.number.transform((overall) => (overall < 0 ? null : overall));
const agreementPair = z.object({
  pairId: col.int,
  candidateA: col.int,
  candidateB: col.int,
  editType: col.text,
  overallA: judged,
  overallB: judged,
}) satisfies z.ZodType<AgreementPair>;

/** The facts agreement statistics need about the labelled pairs. */
export async function agreementPairs(db: SqlRunner, pairIds: readonly number[]): Promise<Map<number, AgreementPair>> {
  if (pairIds.length === 0) return new Map();
  const rows = await queryRows(
    db,
    agreementPair,
    `SELECT p.id AS "pairId", p.candidate_a AS "candidateA", p.candidate_b AS "candidateB", r.edit_type AS "editType",
            ca.judge_overall AS "overallA", cb.judge_overall AS "overallB"
     FROM pairs p JOIN requests r ON r.id = p.request_id JOIN candidates ca ON ca.id = p.candidate_a JOIN candidates cb ON cb.id = p.candidate_b
     WHERE p.id = ANY($1::bigint[])`,
    [[...new Set(pairIds)]],
  );
  return new Map(rows.map((row) => [row.pairId, row]));
}

const listCandidate = z.object({
  id: col.int,
  imagePath: col.text,
  role: col.text,
  judgeOverall: judged,
  effectiveVerdict: col.text,
}) satisfies z.ZodType<PairListCandidate>;
const listCandidateColumns = (alias: string, side: string) =>
  `${alias}.id AS "${side}.id", ${alias}.image_path AS "${side}.imagePath", ${alias}.role AS "${side}.role", ` +
  `${alias}.judge_overall AS "${side}.judgeOverall", ${alias}.effective_verdict AS "${side}.effectiveVerdict"`;
const pairListRow = nested(
  z.object({
    pairId: col.int,
    origin: col.pairOrigin,
    requestId: col.int,
    editType: col.text,
    summarizedText: col.text,
    sourceImage: col.text,
    a: listCandidate,
    b: listCandidate,
  }),
);
const pairListLabel = z.object({
  id: col.int,
  pairId: col.int,
  reviewer: col.text,
  label: col.pairLabel,
  leftCandidateId: col.int,
  isRepeat: col.bool,
  isUndone: col.bool,
  createdAt: col.date.transform((date) => date.toISOString()),
});

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
  const rows = await queryRows(
    db,
    pairListRow,
    `SELECT p.id AS "pairId", p.origin, p.request_id AS "requestId", r.edit_type AS "editType", r.summarized_text AS "summarizedText",
            r.source_image AS "sourceImage", ${listCandidateColumns("ca", "a")}, ${listCandidateColumns("cb", "b")}
     FROM pairs p JOIN requests r ON r.id = p.request_id JOIN candidates ca ON ca.id = p.candidate_a JOIN candidates cb ON cb.id = p.candidate_b
     WHERE p.dataset_id = $1 AND p.id > $2 ${where.map((clause) => `AND ${clause}`).join(" ")}
     ORDER BY p.id LIMIT ${query.limit + 1}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const ids = page.map((row) => row.pairId);
  const labels = ids.length
    ? await queryRows(
        db,
        pairListLabel,
        `SELECT l.id, l.pair_id AS "pairId", v.name AS reviewer, l.label, l.left_candidate_id AS "leftCandidateId", l.is_repeat AS "isRepeat",
                EXISTS (SELECT 1 FROM pair_labels u WHERE u.undo_of = l.id) AS "isUndone", l.created_at AS "createdAt"
         FROM pair_labels l JOIN reviewers v ON v.id = l.reviewer_id WHERE l.pair_id = ANY($1::bigint[]) AND l.undo_of IS NULL ORDER BY l.id`,
        [ids],
      )
    : [];
  return {
    hasMore: rows.length > query.limit,
    rows: page.map((row) => ({
      ...row,
      labels: labels.filter((label) => label.pairId === row.pairId).map(({ pairId: _pairId, ...label }) => label),
    })),
  };
}

/** Edit types that have pairs, for the queue and list filters. */
export async function pairEditTypes(db: SqlRunner, datasetId: number): Promise<{ editType: string; pairs: number }[]> {
  return queryRows(
    db,
    z.object({ editType: col.text, pairs: col.int }),
    `SELECT r.edit_type AS "editType", count(*) AS pairs FROM pairs p JOIN requests r ON r.id = p.request_id WHERE p.dataset_id = $1
     GROUP BY r.edit_type ORDER BY r.edit_type`,
    [datasetId],
  );
}

/** Every edit type of the dataset's requests (the mining form can restrict to one). */
export async function datasetEditTypes(db: SqlRunner, datasetId: number): Promise<string[]> {
  const rows = await queryRows(
    db,
    z.object({ edit_type: col.text }),
    "SELECT DISTINCT edit_type FROM requests WHERE dataset_id = $1 ORDER BY edit_type",
    [datasetId],
  );
  return rows.map((row) => row.edit_type);
}
