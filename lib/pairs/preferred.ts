// From labels to decisions (pure). Each reviewer's vote on a pair is their latest label that was
// not undone and is not a repeat (repeats measure consistency; the first answer stands). A pair's
// outcome is the strict plurality of the reviewers' votes, skips left out; a split between
// reviewers decides nothing. A request's preferred candidate is the Copeland winner of its
// decided pairs (wins − losses, ties and both-bad ignored), when there is exactly one.
import type { PairLabel } from "./enums";

/** A label row that was not undone (undo rows and undone rows are filtered out before). */
export type LiveLabel = {
  id: number;
  pairId: number;
  reviewerId: number;
  reviewer: string;
  label: PairLabel;
  leftCandidateId: number;
  isRepeat: boolean;
};

/** Each reviewer's latest non-repeat label per pair, in label-id order. */
export function currentVotes(labels: readonly LiveLabel[]): LiveLabel[] {
  const latest = new Map<string, LiveLabel>();
  for (const label of labels) {
    if (label.isRepeat) continue;
    const key = `${label.pairId}:${label.reviewerId}`;
    const previous = latest.get(key);
    if (!previous || previous.id < label.id) latest.set(key, label);
  }
  return [...latest.values()].sort((x, y) => x.id - y.id);
}

export const DECIDED = ["a", "b"] as const;
export type PairOutcomeKind = "a" | "b" | "tie" | "both_bad" | "split" | "unlabelled";

export type PairOutcome = {
  pairId: number;
  outcome: PairOutcomeKind;
  votes: Record<Exclude<PairLabel, "skip">, number>;
  /** The votes that count (skips excluded), for provenance. */
  labels: { id: number; reviewer: string; label: PairLabel }[];
};

/** Strict plurality of non-skip votes; equal top counts are a split; no votes is unlabelled. */
export function pairOutcome(pairId: number, votes: readonly LiveLabel[]): PairOutcome {
  const counts = { a: 0, b: 0, tie: 0, both_bad: 0 };
  const counted = votes.filter((vote) => vote.label !== "skip");
  for (const vote of counted) counts[vote.label as keyof typeof counts]++;
  const labels = counted.map((vote) => ({ id: vote.id, reviewer: vote.reviewer, label: vote.label }));
  if (counted.length === 0) return { pairId, outcome: "unlabelled", votes: counts, labels };
  const ranked = (Object.entries(counts) as [keyof typeof counts, number][]).sort((x, y) => y[1] - x[1]);
  const outcome: PairOutcomeKind = ranked[0][1] > ranked[1][1] ? ranked[0][0] : "split";
  return { pairId, outcome, votes: counts, labels };
}

/** Outcomes of every pair that has live labels. */
export function pairOutcomes(labels: readonly LiveLabel[]): Map<number, PairOutcome> {
  const byPair = new Map<number, LiveLabel[]>();
  for (const vote of currentVotes(labels)) byPair.set(vote.pairId, [...(byPair.get(vote.pairId) ?? []), vote]);
  const outcomes = new Map<number, PairOutcome>();
  for (const [pairId, votes] of byPair) outcomes.set(pairId, pairOutcome(pairId, votes));
  return outcomes;
}

export type RequestPair = { pairId: number; requestId: number; candidateA: number; candidateB: number; isSameRequest: boolean };

/**
 * request id → the human-preferred candidate. Only pairs of one request count (a "turns" pair
 * spans two sessions). The winner must have won at least once and be the unique best by
 * wins − losses; otherwise the request has no human preference and the export falls back to
 * its usual rule.
 */
export function preferredByRequest(pairs: readonly RequestPair[], outcomes: ReadonlyMap<number, PairOutcome>): Map<number, number> {
  const scores = new Map<number, Map<number, { wins: number; losses: number }>>();
  for (const pair of pairs) {
    if (!pair.isSameRequest) continue;
    const outcome = outcomes.get(pair.pairId)?.outcome;
    if (outcome !== "a" && outcome !== "b") continue;
    const [winner, loser] = outcome === "a" ? [pair.candidateA, pair.candidateB] : [pair.candidateB, pair.candidateA];
    const table = scores.get(pair.requestId) ?? new Map<number, { wins: number; losses: number }>();
    const win = table.get(winner) ?? { wins: 0, losses: 0 };
    const loss = table.get(loser) ?? { wins: 0, losses: 0 };
    win.wins++;
    loss.losses++;
    table.set(winner, win).set(loser, loss);
    scores.set(pair.requestId, table);
  }
  const preferred = new Map<number, number>();
  for (const [requestId, table] of scores) {
    const ranked = [...table.entries()]
      .map(([id, score]) => ({ id, net: score.wins - score.losses, wins: score.wins }))
      .sort((x, y) => y.net - x.net);
    const [best, second] = ranked;
    if (best && best.wins > 0 && (!second || best.net > second.net)) preferred.set(requestId, best.id);
  }
  return preferred;
}

export type OutcomeTally = Record<PairOutcomeKind, number>;

export function tallyOutcomes(outcomes: Iterable<PairOutcome>): OutcomeTally {
  const tally: OutcomeTally = { a: 0, b: 0, tie: 0, both_bad: 0, split: 0, unlabelled: 0 };
  for (const outcome of outcomes) tally[outcome.outcome]++;
  return tally;
}
