import "server-only";
// Judge against judge on one dataset: the same reviewed items and decisions the audit reads
// (loadReviewedCandidates), compared by the pure lib/audit/compare-judges. The compare page and
// `npm run audit -- --compare A B` both call this.
import { z } from "zod";
import { compareJudges, type JudgeComparisonReport } from "../../audit/compare-judges";
import type { AuditSlice } from "../../audit/slice";
import type { DbHandle } from "../client";
import type { Dataset } from "../schema";
import { loadReviewedCandidates } from "./audit";

export type { JudgeComparisonReport } from "../../audit/compare-judges";

const judgeId = z.string().trim().min(1, "pick a judge").max(300);
/** The two judges to compare, from a URL or the CLI: present, distinct. */
export const comparePairSchema = z
  .object({ a: judgeId, b: judgeId })
  .refine((pair) => pair.a !== pair.b, { message: "pick two different judges", path: ["b"] });

export async function loadJudgeComparison(
  db: DbHandle,
  dataset: Dataset,
  slice: AuditSlice,
  a: string,
  b: string,
): Promise<JudgeComparisonReport> {
  // The judge is what is compared, so a judge_id in the slice would only confuse.
  const { judge_id: _ignored, ...labels } = slice;
  const reviewed = await loadReviewedCandidates(db, dataset.id, labels);
  const judgeIds = [
    ...new Set(reviewed.candidates.flatMap((candidate) => candidate.judgements.map((judgement) => judgement.judgeId))),
  ].sort();
  const weights = {
    instruction_compliance: dataset.weightCompliance,
    seamlessness: dataset.weightSeamlessness,
    preservation_balance: dataset.weightPreservation,
    technical_quality: dataset.weightQuality,
  };
  const comparison = compareJudges(reviewed.candidates, { weights, threshold: dataset.threshold }, a, b);
  return {
    version: 1,
    generated_at: new Date().toISOString(),
    dataset: { id: dataset.id, name: dataset.name, threshold: dataset.threshold },
    slice: labels,
    judge_ids: judgeIds,
    ...comparison,
  };
}

/** Judge ids with verdicts on reviewed items, for the compare page's pickers. */
export async function comparableJudgeIds(db: DbHandle, datasetId: number): Promise<string[]> {
  const reviewed = await loadReviewedCandidates(db, datasetId, {});
  return [...new Set(reviewed.candidates.flatMap((candidate) => candidate.judgements.map((judgement) => judgement.judgeId)))].sort();
}
