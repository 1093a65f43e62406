import "server-only";
// Gold items (known verdicts, mixed unannounced into assigned walks), the per-dataset gold rate,
// and what the agreement page, export and audit read from them: each reviewer's answers on gold,
// their activity, and which decisions to leave out below a chosen gold accuracy.
import { z } from "zod";
import { goldAccuracy, reviewersBelow, type ActivityDecision, type GoldAnswer } from "../../team/activity";
import type { AdjudicationVerdict } from "../../team/enums";
import { adjudicatedHumanOutcome, effectiveOutcome, humanOutcome, type JudgeOutcome, type Prior } from "../../verdict";
import type { DbHandle, SqlRunner } from "../client";
import { col, queryRows } from "../rows";
import { HAS_DECIDED, LIVE_REVIEW } from "./team-sql";

export class GoldError extends Error {}

export async function markGold(
  db: DbHandle,
  input: { datasetId: number; candidateIds: number[]; verdict: AdjudicationVerdict; markedBy: number },
): Promise<number> {
  const found = await queryRows(
    db,
    z.object({ id: col.int }),
    "SELECT id FROM candidates WHERE id = ANY($1::bigint[]) AND dataset_id = $2",
    [input.candidateIds, input.datasetId],
  );
  const missing = input.candidateIds.filter((id) => !found.some((row) => row.id === id));
  if (missing.length)
    throw new GoldError(`candidateIds: ${missing.slice(0, 5).join(", ")} ${missing.length > 1 ? "are" : "is"} not in this dataset.`);
  await db.query(
    `INSERT INTO gold_items (dataset_id, candidate_id, verdict, marked_by) SELECT $1, id, $3, $4 FROM unnest($2::bigint[]) AS id
     ON CONFLICT (dataset_id, candidate_id) DO UPDATE SET verdict = EXCLUDED.verdict, marked_by = EXCLUDED.marked_by, created_at = now()`,
    [input.datasetId, input.candidateIds, input.verdict, input.markedBy],
  );
  return found.length;
}

export async function unmarkGold(db: DbHandle, datasetId: number, candidateId: number): Promise<boolean> {
  const rows = await db.query("DELETE FROM gold_items WHERE dataset_id = $1 AND candidate_id = $2 RETURNING candidate_id", [
    datasetId,
    candidateId,
  ]);
  return rows.length > 0;
}

export type GoldRow = { candidateId: number; verdict: AdjudicationVerdict; markedBy: string; answers: number; correct: number };

export async function listGold(db: DbHandle, datasetId: number): Promise<GoldRow[]> {
  const rows = await queryRows(
    db,
    z.object({ candidate_id: col.int, verdict: z.enum(["accept", "reject"]), marked_by: col.text, answers: col.int, correct: col.int }),
    `WITH latest AS (
       SELECT DISTINCT ON (r.candidate_id, r.reviewer_id) r.candidate_id, r.verdict FROM reviews r
       JOIN gold_items g ON g.candidate_id = r.candidate_id AND g.dataset_id = $1
       WHERE ${LIVE_REVIEW("r")} ORDER BY r.candidate_id, r.reviewer_id, r.id DESC)
     SELECT g.candidate_id, g.verdict, v.name AS marked_by,
            (SELECT count(*) FROM latest l WHERE l.candidate_id = g.candidate_id) AS answers,
            (SELECT count(*) FROM latest l WHERE l.candidate_id = g.candidate_id AND l.verdict = g.verdict) AS correct
     FROM gold_items g JOIN reviewers v ON v.id = g.marked_by WHERE g.dataset_id = $1 ORDER BY g.candidate_id`,
    [datasetId],
  );
  return rows.map((row) => ({
    candidateId: row.candidate_id,
    verdict: row.verdict,
    markedBy: row.marked_by,
    answers: row.answers,
    correct: row.correct,
  }));
}

export async function goldRate(db: SqlRunner, datasetId: number): Promise<number> {
  const rows = await queryRows(db, z.object({ gold_rate: col.number }), "SELECT gold_rate FROM team_settings WHERE dataset_id = $1", [
    datasetId,
  ]);
  return rows[0]?.gold_rate ?? 0.05;
}

export async function setGoldRate(db: DbHandle, datasetId: number, rate: number): Promise<void> {
  await db.query(
    "INSERT INTO team_settings (dataset_id, gold_rate) VALUES ($1, $2) ON CONFLICT (dataset_id) DO UPDATE SET gold_rate = EXCLUDED.gold_rate",
    [datasetId, rate],
  );
}

/** Gold items of the dataset the reviewer has not decided yet (the pool their walk draws from). */
export async function undecidedGoldFor(db: DbHandle, datasetId: number, reviewerId: number): Promise<number[]> {
  const rows = await queryRows(
    db,
    z.object({ candidate_id: col.int }),
    `SELECT g.candidate_id FROM gold_items g WHERE g.dataset_id = $1 AND NOT ${HAS_DECIDED("g.candidate_id", "$2::int")} ORDER BY g.candidate_id`,
    [datasetId, reviewerId],
  );
  return rows.map((row) => row.candidate_id);
}

/** Each reviewer's current verdict on each gold item they decided, with the known verdict. */
export async function goldAnswers(db: SqlRunner, datasetId: number): Promise<GoldAnswer[]> {
  const rows = await queryRows(
    db,
    z.object({ candidate_id: col.int, reviewer: col.text, verdict: col.text, gold: col.text }),
    `SELECT DISTINCT ON (r.candidate_id, r.reviewer_id) r.candidate_id, v.name AS reviewer, r.verdict, g.verdict AS gold
     FROM reviews r JOIN gold_items g ON g.candidate_id = r.candidate_id AND g.dataset_id = $1 JOIN reviewers v ON v.id = r.reviewer_id
     WHERE ${LIVE_REVIEW("r")} ORDER BY r.candidate_id, r.reviewer_id, r.id DESC`,
    [datasetId],
  );
  return rows.map((row) => ({ reviewer: row.reviewer, candidateId: row.candidate_id, verdict: row.verdict, gold: row.gold }));
}

/** Every decision row of the dataset except undo rows, for lib/team/activity. */
export async function activityDecisions(db: SqlRunner, datasetId: number): Promise<ActivityDecision[]> {
  const rows = await queryRows(
    db,
    z.object({ candidate_id: col.int, reviewer: col.text, created_at: col.date, is_live: col.bool, source: col.text }),
    `SELECT r.candidate_id, v.name AS reviewer, r.created_at, r.source,
            NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id) AS is_live
     FROM reviews r JOIN candidates c ON c.id = r.candidate_id JOIN reviewers v ON v.id = r.reviewer_id
     WHERE c.dataset_id = $1 AND r.undo_of IS NULL`,
    [datasetId],
  );
  return rows.map((row) => ({
    reviewer: row.reviewer,
    candidateId: row.candidate_id,
    at: row.created_at,
    isLive: row.is_live,
    isTimed: row.source === "ui",
  }));
}

export type VerdictOverride = { humanVerdict: string; effectiveVerdict: string; requestId: number; sessionId: number | null };
export type GoldExclusion = {
  min_gold_accuracy: number;
  excluded_reviewers: string[];
  /** Live decisions by those reviewers that were left out. */
  decisions_left_out: number;
  /** Candidates whose verdicts change without them: candidate id → the verdicts without them. */
  overrides: Map<number, VerdictOverride>;
};

/**
 * What leaving out the reviewers below `minimum` gold accuracy does to the dataset's verdicts:
 * the candidates they decided get the human verdict of the remaining reviewers (adjudications still
 * override) and the effective verdict that follows. Reviewers with no gold answers are kept.
 */
export async function goldExclusion(db: SqlRunner, datasetId: number, minimum: number): Promise<GoldExclusion> {
  const excluded = reviewersBelow(goldAccuracy(await goldAnswers(db, datasetId)), minimum);
  const empty: GoldExclusion = { min_gold_accuracy: minimum, excluded_reviewers: excluded, decisions_left_out: 0, overrides: new Map() };
  if (excluded.length === 0) return empty;
  const rows = await queryRows(
    db,
    z.object({
      candidate_id: col.int,
      reviewer: col.text,
      verdict: z.enum(["accept", "reject", "unsure"]),
      judge_verdict: col.text,
      prior: col.text,
      request_id: col.int,
      session_id: col.nullableInt,
      adjudicated: col.nullableText,
    }),
    `WITH touched AS (
       SELECT DISTINCT r.candidate_id FROM reviews r JOIN reviewers v ON v.id = r.reviewer_id JOIN candidates c ON c.id = r.candidate_id
       WHERE c.dataset_id = $1 AND v.name = ANY($2::text[]) AND ${LIVE_REVIEW("r")}
     ), latest AS (
       SELECT DISTINCT ON (r.candidate_id, r.reviewer_id) r.candidate_id, r.reviewer_id, r.verdict
       FROM reviews r JOIN touched t ON t.candidate_id = r.candidate_id WHERE ${LIVE_REVIEW("r")}
       ORDER BY r.candidate_id, r.reviewer_id, r.id DESC
     )
     SELECT l.candidate_id, v.name AS reviewer, l.verdict, c.judge_verdict, c.prior, c.request_id, q.session_id,
            (SELECT a.verdict FROM adjudications a WHERE a.candidate_id = l.candidate_id ORDER BY a.id DESC LIMIT 1) AS adjudicated
     FROM latest l JOIN reviewers v ON v.id = l.reviewer_id JOIN candidates c ON c.id = l.candidate_id JOIN requests q ON q.id = c.request_id`,
    [datasetId, excluded],
  );
  const byCandidate = new Map<number, typeof rows>();
  for (const row of rows) byCandidate.set(row.candidate_id, [...(byCandidate.get(row.candidate_id) ?? []), row]);
  const leaveOut = new Set(excluded);
  let leftOut = 0;
  const overrides = new Map<number, VerdictOverride>();
  for (const [candidateId, list] of byCandidate) {
    const kept = list.filter((row) => !leaveOut.has(row.reviewer));
    leftOut += list.length - kept.length;
    const first = list[0];
    const adjudicated = first.adjudicated === "accept" || first.adjudicated === "reject" ? first.adjudicated : "none";
    const human = adjudicatedHumanOutcome(adjudicated, humanOutcome(kept.map((row) => row.verdict)));
    overrides.set(candidateId, {
      humanVerdict: human,
      effectiveVerdict: effectiveOutcome(human, first.judge_verdict as JudgeOutcome, first.prior as Prior),
      requestId: first.request_id,
      sessionId: first.session_id,
    });
  }
  return { ...empty, decisions_left_out: leftOut, overrides };
}
