import "server-only";
// Human pair labels → what the export needs: each pair's outcome (dpo.jsonl, both-bad.jsonl),
// each request's preferred candidate (SFT and preference rows take it when it passes), and the
// counts manifest.json reports. Loaded once per export run by the registry (registry.ts).
import type { SqlRunner } from "../db/client";
import { decidedPairs } from "../db/queries/export-reads";
import { liveLabels } from "../db/queries/pairs-labels";
import { pairOutcomes, preferredByRequest, tallyOutcomes, type OutcomeTally, type PairOutcome } from "../pairs/preferred";
import type { DpoTally } from "./dpo";
import type { FileCounts, PreferredByRequest } from "./export-dataset";

export type PreferenceDecisions = {
  outcomes: Map<number, PairOutcome>;
  preferred: PreferredByRequest;
  tally: OutcomeTally;
  reviewers: string[];
  labels: number;
  /** Live labels by reviewers a gold-accuracy cut left out (not counted in `labels`). */
  labelsLeftOut: number;
};

/** `leaveOut`: reviewers (by name) whose labels do not count, those a gold-accuracy cut left out. */
export async function loadPreferenceDecisions(
  db: SqlRunner,
  datasetId: number,
  leaveOut: ReadonlySet<string> = new Set(),
): Promise<PreferenceDecisions> {
  const live = await liveLabels(db, datasetId);
  const labels = live.filter((label) => !leaveOut.has(label.reviewer));
  const outcomes = pairOutcomes(labels);
  const decided = [...outcomes.values()]
    .filter((outcome) => outcome.outcome === "a" || outcome.outcome === "b")
    .map((outcome) => outcome.pairId);
  const preferred = preferredByRequest(await decidedPairs(db, decided), outcomes);
  return {
    outcomes,
    preferred,
    tally: tallyOutcomes(outcomes.values()),
    reviewers: [...new Set(labels.map((label) => label.reviewer))].sort(),
    labels: labels.length,
    labelsLeftOut: live.length - labels.length,
  };
}

export function preferenceNotes(decisions: PreferenceDecisions, tally: DpoTally, dpoCounts: FileCounts | null): string[] {
  const { tally: outcomes } = decisions;
  const labelled = outcomes.a + outcomes.b + outcomes.tie + outcomes.both_bad + outcomes.split;
  const notes = [
    `Preference labels: ${decisions.labels} live labels by ${decisions.reviewers.length} reviewer(s) on ${labelled} pairs — ` +
      `${outcomes.a + outcomes.b} decided, ${outcomes.tie} tie, ${outcomes.both_bad} both bad, ${outcomes.split} split between reviewers. ` +
      `Ties, both-bad and splits are excluded from preference rows and dpo.jsonl; both-bad.jsonl lists the both-bad requests for regeneration.`,
    `Human-preferred candidates: ${decisions.preferred.size} request(s); SFT and preference rows take the preferred candidate when it passes.`,
  ];
  if (dpoCounts) {
    notes.push(
      `dpo.jsonl: ${dpoCounts.rows} pairs (decided by human labels ${tally.human}, item verdicts by reviewers ${tally.human_review}, judge ${tally.judge}, manifest ${tally.manifest}); ` +
        `excluded: ${
          Object.entries(dpoCounts.dropReasons)
            .map(([reason, count]) => `${reason} ${count}`)
            .join(", ") || "none"
        }.`,
    );
  }
  return notes;
}
