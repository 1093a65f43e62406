// Assembles the judge audit report from rows the database hands over (lib/db/queries/audit.ts)
// and the statistics in lib/audit. Pure, so the page, GET /api/datasets/<id>/audit and
// `npm run audit -- --json` print the very same numbers, and tests can pin them on fixed rows.
import { CRITERIA, lookupEditType, type Criterion, type Weights } from "../taxonomy";
import { reliability } from "./calibration";
import { meanDifferenceCI } from "./intervals";
import { spearman } from "./rank";
import {
  agreementStats,
  isLabelled,
  itemOutcome,
  toInterval,
  worstFirst,
  type AgreementStats,
  type AuditCandidate,
  type IntervalPair,
  type ItemOutcome,
  type Rubric,
} from "./report-stats";
import {
  exactThresholds,
  thresholdReport,
  weightsReport,
  type DatasetPassCounts,
  type ThresholdReport,
  type WeightsReport,
} from "./report-rubric";
import { samplingReport, type SampleSummary, type SampleUnits, type SamplingReport } from "./report-sampling";
import { contamination, directionReport, type Contamination, type DirectionRow } from "./report-direction";
import { LATEST_JUDGE, type AuditSlice } from "./slice";

export type { AuditCandidate, AuditJudgement, AuditReview, AgreementStats } from "./report-stats";
export type { DatasetPassCounts, SweepRow } from "./report-rubric";
export type { SampleSummary, SampleUnits } from "./report-sampling";
export type { Contamination, DirectionRow } from "./report-direction";
export { sweepThresholds } from "./report-rubric";

/** The exact optimum thresholds of the slice's labels: the loader counts stored flips there too. */
export function exactSweepThresholds(dataset: AuditInput["dataset"], slice: AuditSlice, candidates: readonly AuditCandidate[]): number[] {
  const rubric: Rubric = { weights: dataset.weights, threshold: dataset.threshold };
  return exactThresholds(
    candidates.map((candidate) => itemOutcome(candidate, rubric, slice.judge_id)).filter(isLabelled),
    dataset.threshold,
  );
}

/** Stored state of the slice's candidates per edit type (all candidates, not only labelled ones). */
export type PopulationRow = {
  edit_type: string;
  group: string;
  candidates: number;
  judged: number;
  judge_pass: number;
  /** Judge passes with no human decision: what the export takes on the judge's word (null when not counted). */
  judge_pass_unreviewed?: number | null;
};

export type AuditInput = {
  dataset: { id: number; name: string; threshold: number; weights: Weights };
  slice: AuditSlice;
  /** Judge ids with at least one good judgement in the dataset. */
  judgeIds: string[];
  /** Reviewers with at least one decision in the dataset. */
  reviewers: string[];
  /** Reviewed candidates of the slice (group/type applied; reviews already cut to reviewer and dates). */
  candidates: AuditCandidate[];
  population: PopulationRow[];
  datasetPassCounts: DatasetPassCounts | null;
  samples: SampleSummary[];
  sampleUnits: SampleUnits | null;
  generatedAt: string;
};

type PopulationStats = { candidates: number; judged: number; judge_pass_rate: number | null };
export type EditTypeRow = AgreementStats & {
  edit_type: string;
  group: string;
  is_known_type: boolean;
  paper_success_rate: number | null;
  population: PopulationStats;
  contamination: Contamination;
};
export type GroupRow = AgreementStats & { group: string; population: PopulationStats; contamination: Contamination };
export type JudgeRow = AgreementStats & { judge_id: string };
export type ReviewerRow = AgreementStats & { reviewer: string };
export type CriterionRow = {
  criterion: Criterion;
  n: number;
  mean_difference: number | null;
  ci: IntervalPair;
  spearman: number | null;
  note: string | null;
};
export type CalibrationBin = { lo: number; hi: number; count: number; mean_score: number | null; human_accept_rate: number | null };

export type AuditReport = AgreementStats & {
  version: 1;
  generated_at: string;
  dataset: { id: number; name: string; threshold: number; weights: Weights };
  slice: AuditSlice;
  /** The judge the numbers describe: a judge id, or "latest" (each candidate's newest judgement). */
  judge_id: string;
  population: PopulationStats;
  ece: number | null;
  mce: number | null;
  brier: number | null;
  reliability: CalibrationBin[];
  best_threshold: number | null;
  threshold_sweep: ThresholdReport;
  weights: WeightsReport;
  /** Human minus judge, per criterion, where reviewers gave corrected scores. */
  criteria: CriterionRow[];
  /** Slices where the judge passes more than people do on the same items, surest first (by the interval's low end). */
  too_lenient: DirectionRow[];
  /** Slices where the judge passes fewer than people do, surest first (by the interval's high end). */
  too_strict: DirectionRow[];
  /** Share of the judge's passes that people reject, and the bad edits it projects into the export. */
  contamination: Contamination;
  by_edit_type: EditTypeRow[];
  by_group: GroupRow[];
  by_judge: JudgeRow[];
  by_reviewer: ReviewerRow[];
  sampling: SamplingReport;
  options: { judge_ids: string[]; reviewers: string[] };
  /** Plain-language caveats: no labels, one class only, items left out. */
  notes: string[];
};

function populationStats(rows: readonly PopulationRow[]): PopulationStats {
  const candidates = rows.reduce((sum, row) => sum + row.candidates, 0);
  const judged = rows.reduce((sum, row) => sum + row.judged, 0);
  const pass = rows.reduce((sum, row) => sum + row.judge_pass, 0);
  return { candidates, judged, judge_pass_rate: judged > 0 ? pass / judged : null };
}

/** Judge passes without a human decision, summed; null when any row did not count them. */
function unreviewedPasses(rows: readonly PopulationRow[]): number | null {
  if (rows.length === 0) return 0;
  let total = 0;
  for (const row of rows) {
    if (row.judge_pass_unreviewed === undefined || row.judge_pass_unreviewed === null) return null;
    total += row.judge_pass_unreviewed;
  }
  return total;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const members = groups.get(key(item));
    if (members) members.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function criterionRows(items: readonly ItemOutcome[]): CriterionRow[] {
  return CRITERIA.map((criterion) => {
    const human: number[] = [];
    const judge: number[] = [];
    for (const item of items) {
      const h = item.humanScores[criterion];
      const j = item.judgeScores?.[criterion];
      if (typeof h === "number" && typeof j === "number") {
        human.push(h);
        judge.push(j);
      }
    }
    const mean = meanDifferenceCI(human.map((h, i) => h - judge[i]));
    const rho = spearman(human, judge);
    const note = human.length === 0 ? "no reviewer gave this criterion a score on an item the judge scored" : (mean.reason ?? rho.reason);
    return { criterion, n: human.length, mean_difference: mean.mean, ci: toInterval(mean.ci), spearman: rho.rho, note };
  });
}

function calibration(items: readonly ItemOutcome[]) {
  const usable = items.filter(isLabelled).filter((item) => item.overall >= 0 && item.overall <= 1);
  const result = reliability(
    usable.map((item) => item.overall),
    usable.map((item) => (item.human === "pass" ? 1 : 0)),
  );
  const bins = result.bins.map((bin) => ({
    lo: bin.lo,
    hi: bin.hi,
    count: bin.count,
    mean_score: bin.meanScore,
    human_accept_rate: bin.accRate,
  }));
  return { ece: result.ece, mce: result.mce, brier: result.brier, reliability: bins };
}

function notesFor(stats: AgreementStats, judgeLabel: string): string[] {
  const notes: string[] = [];
  if (stats.reviewed === 0)
    notes.push("No human labels yet. Review items in the review queue (or accept/reject them from Browse); every decision shows up here.");
  else if (stats.labelled === 0)
    notes.push(`${stats.reviewed} reviewed items, but none has both a human accept/reject and a verdict from ${judgeLabel}.`);
  if (stats.unresolved > 0) notes.push(`${stats.unresolved} reviewed items have a tied or only-unsure human verdict and are left out.`);
  if (stats.unjudged > 0) notes.push(`${stats.unjudged} items with a human verdict have no judgement from ${judgeLabel} and are left out.`);
  if (stats.kappa_note && stats.labelled > 0) notes.push(stats.kappa_note);
  return notes;
}

export function buildAuditReport(input: AuditInput): AuditReport {
  const rubric: Rubric = { weights: input.dataset.weights, threshold: input.dataset.threshold };
  const judgeId = input.slice.judge_id;
  const outcomes = input.candidates.map((candidate) => itemOutcome(candidate, rubric, judgeId));
  const stats = agreementStats(outcomes);
  const labelled = outcomes.filter(isLabelled);
  const sweep = thresholdReport(labelled, rubric.threshold, input.datasetPassCounts);
  const population = populationStats(input.population);

  const outcomesByType = groupBy(outcomes, (item) => item.editType);
  const populationByType = new Map(input.population.map((row) => [row.edit_type, row]));
  const types = [...new Set([...populationByType.keys(), ...outcomesByType.keys()])];
  const byEditType = types.map((editType): EditTypeRow => {
    const info = lookupEditType(editType);
    const row = populationByType.get(editType);
    return {
      edit_type: editType,
      group: row?.group ?? outcomesByType.get(editType)?.[0]?.group ?? info?.group ?? "Unknown",
      is_known_type: info !== undefined,
      paper_success_rate: info?.paperSuccessRate ?? null,
      population: populationStats(row ? [row] : []),
      ...agreementStats(outcomesByType.get(editType) ?? []),
      contamination: contamination(outcomesByType.get(editType) ?? [], unreviewedPasses(row ? [row] : [])),
    };
  });
  const outcomesByGroup = groupBy(outcomes, (item) => item.group);
  const populationByGroup = groupBy(input.population, (row) => row.group);
  const groups = [...new Set([...populationByGroup.keys(), ...outcomesByGroup.keys()])];
  const byGroup = groups.map((group): GroupRow => ({
    group,
    population: populationStats(populationByGroup.get(group) ?? []),
    ...agreementStats(outcomesByGroup.get(group) ?? []),
    contamination: contamination(outcomesByGroup.get(group) ?? [], unreviewedPasses(populationByGroup.get(group) ?? [])),
  }));
  const direction = directionReport([
    ...byEditType.map((row) => ({
      slice: "edit_type" as const,
      key: row.edit_type,
      items: outcomesByType.get(row.edit_type) ?? [],
      exportJudgePasses: row.contamination.export_judge_passes,
    })),
    ...byGroup.map((row) => ({
      slice: "group" as const,
      key: row.group,
      items: outcomesByGroup.get(row.group) ?? [],
      exportJudgePasses: row.contamination.export_judge_passes,
    })),
  ]);

  const reviewers = [...new Set(input.candidates.flatMap((candidate) => candidate.reviews.map((review) => review.reviewer)))].sort();
  const byReviewer = reviewers.map((reviewer): ReviewerRow => ({
    reviewer,
    ...agreementStats(
      input.candidates.flatMap((candidate) => {
        const own = candidate.reviews.filter((review) => review.reviewer === reviewer);
        return own.length ? [itemOutcome(candidate, rubric, judgeId, own)] : [];
      }),
    ),
  }));
  const byJudge = input.judgeIds.map((id): JudgeRow => ({
    judge_id: id,
    ...agreementStats(input.candidates.map((candidate) => itemOutcome(candidate, rubric, id))),
  }));

  const judgeLabel = judgeId ? `judge ${judgeId}` : "any judge";
  return {
    version: 1,
    generated_at: input.generatedAt,
    dataset: input.dataset,
    slice: input.slice,
    judge_id: judgeId ?? LATEST_JUDGE,
    population,
    ...stats,
    ...calibration(outcomes),
    best_threshold: sweep.best?.threshold ?? null,
    threshold_sweep: sweep,
    weights: weightsReport(labelled, rubric),
    criteria: criterionRows(outcomes),
    too_lenient: direction.too_lenient,
    too_strict: direction.too_strict,
    contamination: contamination(outcomes, unreviewedPasses(input.population)),
    by_edit_type: worstFirst(byEditType, (row) => row.population.candidates),
    by_group: worstFirst(byGroup, (row) => row.population.candidates),
    by_judge: byJudge.sort((a, b) => b.labelled - a.labelled || a.judge_id.localeCompare(b.judge_id)),
    by_reviewer: byReviewer,
    sampling: samplingReport(outcomes, input.samples, input.sampleUnits, population.judged),
    options: { judge_ids: input.judgeIds, reviewers: input.reviewers },
    notes: notesFor(stats, judgeLabel),
  };
}
