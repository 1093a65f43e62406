import "server-only";
// Reads everything the judge audit needs for one dataset and slice, then hands the rows to the
// pure report builder (lib/audit/report.ts). The page, GET /api/datasets/<id>/audit and the
// audit CLI all call loadAuditReport, so they cannot disagree.
// Cost at 400K candidates: ONE scan of candidates (edit type × score bucket gives both the
// population and the stored pass counts at every threshold); everything else is driven by the
// reviews (human-made, so few) and reaches candidates and judgements by key. PGlite runs queries on
// the main thread, so each avoided scan is time every other request does not wait.
import {
  buildAuditReport,
  exactSweepThresholds,
  sweepThresholds,
  type AuditCandidate,
  type AuditReport,
  type DatasetPassCounts,
  type PopulationRow,
  type SampleUnits,
} from "../../audit/report";
import type { AuditSlice } from "../../audit/slice";
import { lookupEditType, normalizeEditType } from "../../taxonomy";
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryRows } from "../rows";
import type { Dataset } from "../schema";
import { latestAdjudications } from "./adjudication";
import { getAuditSample } from "./audit-samples";
import { goldExclusion } from "./gold";
import { listAuditSamplesWithProgress } from "./queue";

const scoreColumns = {
  instruction_compliance: col.nullableNumber,
  seamlessness: col.nullableNumber,
  preservation_balance: col.nullableNumber,
  technical_quality: col.nullableNumber,
};
const scoresOf = (row: { [K in keyof typeof scoreColumns]: number | null }) => ({
  instruction_compliance: row.instruction_compliance,
  seamlessness: row.seamlessness,
  preservation_balance: row.preservation_balance,
  technical_quality: row.technical_quality,
});

const auditReview = z.object({
  id: col.int,
  candidate_id: col.int,
  reviewer: col.text,
  verdict: col.verdict,
  ...scoreColumns,
  sample_id: col.nullableInt,
  sample_probability: col.nullableNumber,
  created_at: col.date,
});
const auditCandidate = z.object({
  id: col.int,
  edit_type: col.text,
  group_name: col.text,
  judge_overall: col.number,
  human_verdict: col.text,
});
const auditJudgement = z.object({
  id: col.int,
  candidate_id: col.int,
  judge_id: col.text,
  ...scoreColumns,
  reported_overall: col.nullableNumber,
  cost_usd: col.nullableNumber,
  input_tokens: col.nullableInt,
  output_tokens: col.nullableInt,
});

/** The slice's group / edit type as SQL on `candidates c`, appended to `params`. */
function candidateWhere(datasetId: number, slice: AuditSlice, params: unknown[]): string {
  const where = [`c.dataset_id = $${params.push(datasetId)}`];
  if (slice.type) where.push(`c.edit_type = $${params.push(normalizeEditType(slice.type))}`);
  else if (slice.group) where.push(`c.group_name = $${params.push(slice.group)}`);
  return where.join(" AND ");
}

type Stored = { overall: number; humanVerdict: string };
/** `reviewers`: everyone with a decision in the group/type slice, before the reviewer and date cut. */
type Reviewed = { candidates: AuditCandidate[]; stored: Stored[]; reviewers: string[]; goldNote: string | null };

/**
 * Every counted decision on the slice's candidates, cut to the reviewer and dates in JS: for each
 * candidate and reviewer, the latest decision inside the date range (lib/verdict's rule), plus the
 * stored verdicts of every reviewed candidate (for "flips without a human decision").
 */
export async function loadReviewedCandidates(db: DbHandle, datasetId: number, slice: AuditSlice): Promise<Reviewed> {
  const reviews = await queryRows(
    db,
    auditReview,
    `SELECT r.id, r.candidate_id, rv.name AS reviewer, r.verdict, r.instruction_compliance, r.seamlessness,
       r.preservation_balance, r.technical_quality, r.sample_id, r.sample_probability, r.created_at
     FROM reviews r JOIN reviewers rv ON rv.id = r.reviewer_id
     WHERE r.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id)
     ORDER BY r.id`,
  );
  if (reviews.length === 0) return { candidates: [], stored: [], reviewers: [], goldNote: null };
  // Reviewers below the chosen gold accuracy are left out (lib/db/queries/gold.ts); the report says how many decisions.
  const exclusion = slice.min_gold === undefined ? null : await goldExclusion(db, datasetId, slice.min_gold);
  const leftOut = new Set(exclusion?.excluded_reviewers ?? []);
  // By key, not by a join: a join makes the planner scan all 400K candidates for a few thousand rows.
  const params: unknown[] = [[...new Set(reviews.map((row) => row.candidate_id))]];
  const candidateRows = await queryRows(
    db,
    auditCandidate,
    `SELECT c.id, c.edit_type, c.group_name, c.judge_overall, c.human_verdict FROM candidates c WHERE c.id = ANY($1::bigint[]) AND ${candidateWhere(datasetId, slice, params)}`,
    params,
  );
  const from = slice.from ? Date.parse(`${slice.from}T00:00:00Z`) : -Infinity;
  const to = slice.to ? Date.parse(`${slice.to}T00:00:00Z`) + 86_400_000 : Infinity;
  const byId = new Map<number, AuditCandidate>();
  for (const row of candidateRows)
    byId.set(row.id, {
      candidateId: row.id,
      editType: row.edit_type,
      group: row.group_name,
      judgements: [],
      reviews: [],
    });
  const reviewers = new Set<string>();
  for (const row of reviews) {
    const candidate = byId.get(row.candidate_id);
    if (candidate) reviewers.add(row.reviewer);
    const time = row.created_at.getTime();
    if (!candidate || (slice.reviewer && row.reviewer !== slice.reviewer) || time < from || time >= to) continue;
    if (leftOut.has(String(row.reviewer))) continue;
    // Rows come in id order: a later decision by the same reviewer replaces the earlier one.
    const review = {
      reviewer: row.reviewer,
      verdict: row.verdict,
      scores: scoresOf(row),
      sampleId: row.sample_id,
      sampleProbability: row.sample_probability,
      createdAt: new Date(time).toISOString(),
    };
    const index = candidate.reviews.findIndex((existing) => existing.reviewer === review.reviewer);
    if (index >= 0) candidate.reviews[index] = review;
    else candidate.reviews.push(review);
  }
  const candidates = [...byId.values()].filter((candidate) => candidate.reviews.length > 0);
  // An admin's adjudication settles the human verdict (as in the stored verdicts), except in a
  // one-reviewer slice, which measures that reviewer's own decisions.
  if (!slice.reviewer) {
    const rulings = await latestAdjudications(
      db,
      candidates.map((candidate) => candidate.candidateId),
    );
    for (const candidate of candidates) {
      const ruling = rulings.get(candidate.candidateId);
      if (ruling) candidate.adjudicated = ruling;
    }
  }
  if (candidates.length) {
    const judgements = await queryRows(
      db,
      auditJudgement,
      `SELECT DISTINCT ON (j.candidate_id, j.judge_id) j.id, j.candidate_id, j.judge_id, j.instruction_compliance,
         j.seamlessness, j.preservation_balance, j.technical_quality, j.reported_overall, j.cost_usd, j.input_tokens, j.output_tokens
       FROM judgements j WHERE j.candidate_id = ANY($1::bigint[]) AND j.error IS NULL
       ORDER BY j.candidate_id, j.judge_id, j.id DESC`,
      [candidates.map((candidate) => candidate.candidateId)],
    );
    for (const row of judgements) {
      byId.get(row.candidate_id)?.judgements.push({
        id: row.id,
        judgeId: row.judge_id,
        scores: scoresOf(row),
        reportedOverall: row.reported_overall,
        costUsd: row.cost_usd,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
      });
    }
  }
  const stored = candidateRows.map((row) => ({ overall: row.judge_overall, humanVerdict: row.human_verdict }));
  const goldNote = !exclusion
    ? null
    : exclusion.excluded_reviewers.length === 0
      ? `No reviewer is below gold accuracy ${exclusion.min_gold_accuracy}: no decisions were left out.`
      : `Left out ${exclusion.decisions_left_out} decisions by reviewers below gold accuracy ${exclusion.min_gold_accuracy} (${exclusion.excluded_reviewers.join(", ")}).`;
  return { candidates, stored, reviewers: [...reviewers].sort(), goldNote };
}

/**
 * One scan: candidates per edit type and score bucket (width_bucket = how many sweep thresholds
 * are ≤ the stored overall; unjudged items, overall −1, land in bucket 0). Both the population
 * per type and the stored pass counts at every threshold follow from it.
 */
async function storedState(
  db: DbHandle,
  dataset: Dataset,
  slice: AuditSlice,
  stored: Stored[],
  extra: number[],
): Promise<{ population: PopulationRow[]; passCounts: DatasetPassCounts }> {
  const thresholds = sweepThresholds(dataset.threshold, extra);
  const params: unknown[] = [thresholds];
  const rows = await queryRows(
    db,
    z.object({ edit_type: col.text, bucket: col.int, n: col.int, unreviewed: col.int }),
    `SELECT c.edit_type, width_bucket(c.judge_overall, $1::float8[]) AS bucket, count(*) AS n,
       count(*) FILTER (WHERE c.human_verdict = 'none') AS unreviewed
     FROM candidates c WHERE ${candidateWhere(dataset.id, slice, params)} GROUP BY 1, 2`,
    params,
  );
  const current = thresholds.indexOf(dataset.threshold);
  const byType = new Map<string, PopulationRow>();
  const pass = thresholds.map(() => 0);
  for (const row of rows) {
    const { edit_type: editType, bucket, n } = row;
    const entry = byType.get(editType) ?? {
      edit_type: editType,
      group: lookupEditType(editType)?.group ?? "",
      candidates: 0,
      judged: 0,
      judge_pass: 0,
      judge_pass_unreviewed: 0,
    };
    entry.candidates += n;
    if (bucket >= 1) entry.judged += n;
    if (bucket > current) {
      entry.judge_pass += n;
      entry.judge_pass_unreviewed! += row.unreviewed;
    }
    byType.set(editType, entry);
    for (let k = 0; k < bucket; k++) pass[k] += n;
  }
  // Types outside the taxonomy (multi-turn, unknown) keep the group the importer gave them.
  const unknown = [...byType.values()].filter((entry) => entry.group === "").map((entry) => entry.edit_type);
  if (unknown.length) {
    const groups = await queryRows(
      db,
      z.object({ t: col.text, group_name: col.nullableText }),
      "SELECT t, (SELECT group_name FROM candidates WHERE dataset_id = $1 AND edit_type = t LIMIT 1) AS group_name FROM unnest($2::text[]) AS t",
      [dataset.id, unknown],
    );
    for (const row of groups) byType.get(row.t)!.group = row.group_name ?? "Unknown";
  }
  const passWithHuman = thresholds.map(
    (t) => stored.filter((item) => item.humanVerdict !== "none" && item.overall >= 0 && item.overall >= t).length,
  );
  return {
    population: [...byType.values()],
    passCounts: { thresholds, pass, passWithoutHuman: pass.map((count, k) => count - passWithHuman[k]) },
  };
}

async function sampleUnits(db: DbHandle, datasetId: number, slice: AuditSlice, sampleId: number | undefined): Promise<SampleUnits | null> {
  if (sampleId === undefined) return null;
  const sample = await getAuditSample(db, sampleId, datasetId);
  if (!sample) return null;
  const params: unknown[] = [sample.items.map((item) => item.candidateId)];
  const inSlice = await queryRows(
    db,
    z.object({ id: col.int }),
    `SELECT c.id FROM candidates c WHERE c.id = ANY($1::bigint[]) AND ${candidateWhere(datasetId, slice, params)}`,
    params,
  );
  const keep = new Set(inSlice.map((row) => row.id));
  return { sampleId: sample.id, items: sample.items.filter((item) => keep.has(item.candidateId)) };
}

function reportDataset(dataset: Dataset) {
  return {
    id: dataset.id,
    name: dataset.name,
    threshold: dataset.threshold,
    weights: {
      instruction_compliance: dataset.weightCompliance,
      seamlessness: dataset.weightSeamlessness,
      preservation_balance: dataset.weightPreservation,
      technical_quality: dataset.weightQuality,
    },
  };
}

export async function loadAuditReport(db: DbHandle, dataset: Dataset, slice: AuditSlice): Promise<AuditReport> {
  const labels = await loadReviewedCandidates(db, dataset.id, slice);
  // The exact optimum thresholds join the sweep grid, so their stored flips are counted in the same scan.
  const extra = exactSweepThresholds(reportDataset(dataset), slice, labels.candidates);
  const [state, samples] = await Promise.all([
    storedState(db, dataset, slice, labels.stored, extra),
    listAuditSamplesWithProgress(db, dataset.id),
  ]);
  // The sample to weight by: the one asked for, else the newest with labels, else the newest.
  const chosen = slice.sample ?? (samples.find((sample) => sample.decided > 0) ?? samples[0])?.id;
  const judgeIds = [
    ...new Set(labels.candidates.flatMap((candidate) => candidate.judgements.map((judgement) => judgement.judgeId))),
  ].sort();
  const report = buildAuditReport({
    dataset: reportDataset(dataset),
    slice,
    judgeIds,
    reviewers: labels.reviewers,
    candidates: labels.candidates,
    population: state.population,
    datasetPassCounts: state.passCounts,
    samples: samples.map((sample) => ({
      id: sample.id,
      method: sample.method,
      size: sample.size,
      seed: sample.seed,
      created_at: sample.createdAt,
    })),
    sampleUnits: await sampleUnits(db, dataset.id, slice, chosen),
    generatedAt: new Date().toISOString(),
  });
  return labels.goldNote ? { ...report, notes: [labels.goldNote, ...report.notes] } : report;
}
