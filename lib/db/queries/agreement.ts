import "server-only";
// Everything the agreement page, GET /api/datasets/<id>/agreement and `npm run agreement` show,
// from one loader, so the three cannot disagree. Verdicts: each reviewer's current verdict per
// item is their latest decision that is not an undo and was not undone (the rule of
// candidate-state.ts's latest_review, so agreement counts the same decisions as browse, audit
// and export). Decisions are human-made (thousands, not millions), so they are read whole and the
// statistics run in JS (lib/agreement).
import { pairsAgreementJson, type PairsAgreementJson } from "../../agreement/pairs-json";
import { verdictAgreement, type VerdictAgreement, type VerdictAgreementJson, type VerdictUnit } from "../../agreement/verdicts";
import { agreementSummary, type AgreementSummary } from "../../pairs/agreement";
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryRows } from "../rows";
import type { Dataset } from "../schema";
import { goldAccuracy, reviewerActivity, SESSION_GAP_SECONDS, type GoldAccuracy, type ReviewerActivity } from "../../team/activity";
import { activityDecisions, goldAnswers } from "./gold";
import { agreementPairs, liveLabels } from "./pairs-labels";

export type GoldJson = {
  /** Gold items with at least one reviewer's answer. */
  items_answered: number;
  /** Each reviewer's accuracy on gold items with a Wilson 95 % interval. */
  reviewers: GoldAccuracy[];
};
export type AgreementJson = {
  verdicts: VerdictAgreementJson;
  pairs: PairsAgreementJson;
  /** Per reviewer: items decided, median seconds per item (gaps ≤ session_gap_seconds), last active. */
  reviewers_activity: { session_gap_seconds: number; reviewers: ReviewerActivity[] };
  gold: GoldJson;
};
export type Agreement = { verdicts: VerdictAgreement; pairs: AgreementSummary; json: AgreementJson };

export async function currentVerdicts(db: SqlRunner, datasetId: number): Promise<VerdictUnit[]> {
  const reviews = await queryRows(
    db,
    z.object({ candidate_id: col.int, reviewer: col.text, verdict: col.verdict }),
    `SELECT DISTINCT ON (r.candidate_id, r.reviewer_id) r.candidate_id, rv.name AS reviewer, r.verdict
     FROM reviews r JOIN reviewers rv ON rv.id = r.reviewer_id
     WHERE r.undo_of IS NULL AND NOT EXISTS (SELECT 1 FROM reviews u WHERE u.undo_of = r.id)
     ORDER BY r.candidate_id, r.reviewer_id, r.id DESC`,
  );
  if (reviews.length === 0) return [];
  // By key, not by a join (as the audit loader): a join can make the planner scan every candidate.
  const candidates = await queryRows(
    db,
    z.object({ id: col.int, edit_type: col.text }),
    "SELECT id, edit_type FROM candidates WHERE id = ANY($1::bigint[]) AND dataset_id = $2",
    [[...new Set(reviews.map((row) => row.candidate_id))], datasetId],
  );
  const units = new Map<number, VerdictUnit>(
    candidates.map((row) => [row.id, { candidateId: row.id, editType: row.edit_type, verdicts: {} }]),
  );
  for (const row of reviews) {
    const unit = units.get(row.candidate_id);
    if (unit) unit.verdicts[row.reviewer] = row.verdict;
  }
  return [...units.values()].filter((unit) => Object.keys(unit.verdicts).length > 0);
}

export async function loadAgreement(db: SqlRunner, dataset: Pick<Dataset, "id">): Promise<Agreement> {
  const verdicts = verdictAgreement(await currentVerdicts(db, dataset.id));
  const labels = await liveLabels(db, dataset.id);
  const pairs = agreementSummary(
    labels,
    await agreementPairs(
      db,
      labels.map((label) => label.pairId),
    ),
  );
  const answers = await goldAnswers(db, dataset.id);
  const activity = reviewerActivity(await activityDecisions(db, dataset.id));
  return {
    verdicts,
    pairs,
    json: {
      verdicts: verdicts.json,
      pairs: pairsAgreementJson(pairs),
      reviewers_activity: { session_gap_seconds: SESSION_GAP_SECONDS, reviewers: activity },
      gold: { items_answered: new Set(answers.map((answer) => answer.candidateId)).size, reviewers: goldAccuracy(answers) },
    },
  };
}
