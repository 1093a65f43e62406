import "server-only";
// The adjudication queue: items whose reviewers' current verdicts (each reviewer's latest live
// decision) are not all the same. An admin's adjudication is a new row (append-only, the latest
// counts) and becomes the item's human verdict (lib/verdict ADJUDICATED_HUMAN_RULE, applied by
// candidate-state.ts), so browse, export and audit follow it; every reviewer's decision stays in
// the reviews history untouched.
import { z } from "zod";
import type { AdjudicationVerdict } from "../../team/enums";
import type { AdjudicationItem } from "../../team/types";
export type { AdjudicationItem };
import type { DbHandle } from "../client";
import { col, queryOne, queryRows } from "../rows";
import { refreshCandidates } from "./candidate-state";
import { LIVE_REVIEW } from "./team-sql";

export class AdjudicationError extends Error {}

const latestRow = z.object({
  candidate_id: col.int,
  reviewer: col.text,
  verdict: z.enum(["accept", "reject", "unsure"]),
  note: col.nullableText,
  created_at: col.date,
});

/** Every item of the dataset whose reviewers disagree, open (no adjudication) first, then by id. */
export async function listDisagreements(db: DbHandle, datasetId: number, options: { limit?: number } = {}): Promise<AdjudicationItem[]> {
  const latest = await queryRows(
    db,
    latestRow,
    `WITH latest AS (
       SELECT DISTINCT ON (r.candidate_id, r.reviewer_id) r.candidate_id, r.reviewer_id, r.verdict, r.note, r.created_at
       FROM reviews r JOIN candidates c ON c.id = r.candidate_id
       WHERE c.dataset_id = $1 AND ${LIVE_REVIEW("r")}
       ORDER BY r.candidate_id, r.reviewer_id, r.id DESC
     ), split AS (SELECT candidate_id FROM latest GROUP BY candidate_id HAVING count(DISTINCT verdict) > 1)
     SELECT l.candidate_id, v.name AS reviewer, l.verdict, l.note, l.created_at
     FROM latest l JOIN split s ON s.candidate_id = l.candidate_id JOIN reviewers v ON v.id = l.reviewer_id
     ORDER BY l.candidate_id, v.name`,
    [datasetId],
  );
  const ids = [...new Set(latest.map((row) => row.candidate_id))];
  if (ids.length === 0) return [];
  const [candidates, rulings] = await Promise.all([
    queryRows(
      db,
      z.object({ id: col.int, edit_type: col.text, image_path: col.text, judge_verdict: col.text }),
      "SELECT id, edit_type, image_path, judge_verdict FROM candidates WHERE id = ANY($1::bigint[])",
      [ids],
    ),
    queryRows(
      db,
      z.object({
        candidate_id: col.int,
        verdict: z.enum(["accept", "reject"]),
        adjudicator: col.text,
        note: col.nullableText,
        created_at: col.date,
      }),
      `SELECT DISTINCT ON (a.candidate_id) a.candidate_id, a.verdict, v.name AS adjudicator, a.note, a.created_at
       FROM adjudications a JOIN reviewers v ON v.id = a.adjudicator_id
       WHERE a.candidate_id = ANY($1::bigint[]) ORDER BY a.candidate_id, a.id DESC`,
      [ids],
    ),
  ]);
  const items = candidates.map((candidate) => {
    const ruling = rulings.find((row) => row.candidate_id === candidate.id);
    return {
      candidateId: candidate.id,
      editType: candidate.edit_type,
      imagePath: candidate.image_path,
      judgeVerdict: candidate.judge_verdict,
      verdicts: latest
        .filter((row) => row.candidate_id === candidate.id)
        .map((row) => ({ reviewer: row.reviewer, verdict: row.verdict, note: row.note, at: row.created_at.toISOString() })),
      adjudication: ruling
        ? { verdict: ruling.verdict, adjudicator: ruling.adjudicator, note: ruling.note, at: ruling.created_at.toISOString() }
        : null,
    };
  });
  items.sort((a, b) => Number(a.adjudication !== null) - Number(b.adjudication !== null) || a.candidateId - b.candidateId);
  return options.limit === undefined ? items : items.slice(0, options.limit);
}

/** Records an admin's ruling and re-derives the item's verdicts in the same transaction. */
export async function adjudicate(
  db: DbHandle,
  input: { datasetId: number; candidateId: number; adjudicatorId: number; verdict: AdjudicationVerdict; note?: string | null },
): Promise<{ adjudicationId: number; humanVerdict: string; effectiveVerdict: string }> {
  return db.transaction(async (tx) => {
    const [candidate] = await queryRows(
      tx,
      z.object({ id: col.int }),
      "SELECT id FROM candidates WHERE id = $1 AND dataset_id = $2 FOR UPDATE",
      [input.candidateId, input.datasetId],
    );
    if (!candidate) throw new AdjudicationError(`candidateId: item ${input.candidateId} is not in this dataset.`);
    const { reviewers } = await queryOne(
      tx,
      z.object({ reviewers: col.int }),
      `SELECT count(DISTINCT r.reviewer_id) AS reviewers FROM reviews r WHERE r.candidate_id = $1 AND ${LIVE_REVIEW("r")}`,
      [input.candidateId],
    );
    if (reviewers < 2)
      throw new AdjudicationError(`Item ${input.candidateId} has fewer than two reviewers' decisions: there is nothing to adjudicate.`);
    const { id } = await queryOne(
      tx,
      z.object({ id: col.int }),
      "INSERT INTO adjudications (dataset_id, candidate_id, adjudicator_id, verdict, note) VALUES ($1, $2, $3, $4, $5) RETURNING id",
      [input.datasetId, input.candidateId, input.adjudicatorId, input.verdict, input.note || null],
    );
    await refreshCandidates(tx, [input.candidateId]);
    const state = await queryOne(
      tx,
      z.object({ human_verdict: col.text, effective_verdict: col.text }),
      "SELECT human_verdict, effective_verdict FROM candidates WHERE id = $1",
      [input.candidateId],
    );
    return { adjudicationId: id, humanVerdict: state.human_verdict, effectiveVerdict: state.effective_verdict };
  });
}

/** candidate id → latest adjudicated verdict, for the given candidates (the audit's human verdict). */
export async function latestAdjudications(db: Pick<DbHandle, "query">, candidateIds: number[]): Promise<Map<number, AdjudicationVerdict>> {
  if (candidateIds.length === 0) return new Map();
  const rows = await queryRows(
    db,
    z.object({ candidate_id: col.int, verdict: z.enum(["accept", "reject"]) }),
    `SELECT DISTINCT ON (candidate_id) candidate_id, verdict FROM adjudications
     WHERE candidate_id = ANY($1::bigint[]) ORDER BY candidate_id, id DESC`,
    [candidateIds],
  );
  return new Map(rows.map((row) => [row.candidate_id, row.verdict]));
}
