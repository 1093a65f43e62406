// Per-reviewer activity (pure): items decided, median seconds per item and last active.
// Items decided counts the items with a live decision (not undone). Seconds per item come from the
// gaps between a reviewer's consecutive decisions made in the app (in time order, undone ones
// included since the time was spent, undo rows and imported lines excluded: an import stamps every
// line with one time). A gap longer than the session gap (SESSION_GAP_SECONDS, 10 minutes) is a
// break between sessions, not time spent on the next item, and is left out; so is the first
// decision of each session, which has no measurable time.
import { wilson, type Proportion } from "../audit/intervals";

export const SESSION_GAP_SECONDS = 600;

export type ActivityDecision = { reviewer: string; candidateId: number; at: Date; isLive: boolean; isTimed: boolean };
export type ReviewerActivity = {
  reviewer: string;
  items_decided: number;
  decisions: number;
  median_seconds_per_item: number | null;
  /** Gaps the median is taken over (consecutive decisions within the session gap). */
  timed_gaps: number;
  last_active: string | null;
};

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function reviewerActivity(decisions: readonly ActivityDecision[], gapSeconds = SESSION_GAP_SECONDS): ReviewerActivity[] {
  const byReviewer = new Map<string, ActivityDecision[]>();
  for (const decision of decisions) {
    const list = byReviewer.get(decision.reviewer);
    if (list) list.push(decision);
    else byReviewer.set(decision.reviewer, [decision]);
  }
  return [...byReviewer.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reviewer, list]) => {
      const sorted = [...list].sort((a, b) => a.at.getTime() - b.at.getTime());
      const timed = sorted.filter((decision) => decision.isTimed);
      const gaps: number[] = [];
      for (let index = 1; index < timed.length; index++) {
        const seconds = (timed[index].at.getTime() - timed[index - 1].at.getTime()) / 1000;
        if (seconds <= gapSeconds) gaps.push(seconds);
      }
      return {
        reviewer,
        items_decided: new Set(sorted.filter((decision) => decision.isLive).map((decision) => decision.candidateId)).size,
        decisions: sorted.length,
        median_seconds_per_item: median(gaps),
        timed_gaps: gaps.length,
        last_active: sorted.length ? sorted[sorted.length - 1].at.toISOString() : null,
      };
    });
}

export type GoldAnswer = { reviewer: string; candidateId: number; verdict: string; gold: string };
export type GoldAccuracy = {
  reviewer: string;
  n: number;
  correct: number;
  accuracy: number | null;
  ci_low: number | null;
  ci_high: number | null;
};

/** Each reviewer's accuracy on gold items (their current verdict against the known one), Wilson 95 %. */
export function goldAccuracy(answers: readonly GoldAnswer[]): GoldAccuracy[] {
  const tally = new Map<string, { n: number; correct: number }>();
  for (const answer of answers) {
    const entry = tally.get(answer.reviewer) ?? { n: 0, correct: 0 };
    entry.n++;
    if (answer.verdict === answer.gold) entry.correct++;
    tally.set(answer.reviewer, entry);
  }
  return [...tally.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reviewer, { n, correct }]) => {
      const share: Proportion = wilson(correct, n);
      return { reviewer, n, correct, accuracy: share.p, ci_low: share.ci?.lo ?? null, ci_high: share.ci?.hi ?? null };
    });
}

/** Reviewers whose gold accuracy is below the bar; reviewers with no gold answers are kept (nothing says they are bad). */
export function reviewersBelow(accuracy: readonly GoldAccuracy[], minimum: number): string[] {
  return accuracy.filter((row) => row.accuracy !== null && row.accuracy < minimum).map((row) => row.reviewer);
}
