// Agreement statistics over preference labels (pure), built on lib/audit. Every number keeps the
// ids of the pairs behind it under a metric key, so the pairs list can show exactly those pairs
// (the list recomputes this summary and looks the key up: one definition, no SQL twin).
import { chosenSide, cohenKappa, countsByCategory, fleissKappa, percentAgreement, positionBias, selfConsistency, wilson } from "../audit";
import type { CohenKappaResult, FleissResult, Interval, PositionBias, SelfConsistency } from "../audit";
import type { PairLabel } from "./enums";
import { currentVotes, pairOutcomes, type LiveLabel } from "./preferred";

export const AGREEMENT_CATEGORIES = ["a", "b", "tie", "both_bad"] as const;
type Category = (typeof AGREEMENT_CATEGORIES)[number];

export type AgreementPair = {
  pairId: number;
  candidateA: number;
  candidateB: number;
  editType: string;
  overallA: number | null;
  overallB: number | null;
};

/** Metric keys: a kind and arguments, each URL-safe, joined by ":". */
export function metricKey(kind: string, ...args: (string | number)[]): string {
  return [kind, ...args.map((arg) => encodeURIComponent(String(arg)))].join(":");
}

export type ReviewerStats = {
  reviewerId: number;
  reviewer: string;
  pairs: number;
  byLabel: Record<PairLabel, number>;
  repeats: number;
  bias: PositionBias;
};
export type DuoStats = {
  first: string;
  second: string;
  firstId: number;
  secondId: number;
  shared: number;
  agreement: number | null;
  kappa: CohenKappaResult<Category>;
};
export type JudgeMatchRow = {
  editType: string;
  compared: number;
  matches: number;
  share: number | null;
  ci: Interval | null;
  judgeTies: number;
};

export type AgreementSummary = {
  labels: number;
  reviewers: ReviewerStats[];
  multi: { pairs: number; allAgree: number; allAgreeShare: number | null; fleiss: FleissResult };
  duos: DuoStats[];
  bias: PositionBias;
  consistency: SelfConsistency;
  judge: { overall: JudgeMatchRow; byEditType: JudgeMatchRow[] };
  ids: Map<string, number[]>;
};

const emptyByLabel = (): Record<PairLabel, number> => ({ a: 0, b: 0, tie: 0, both_bad: 0, skip: 0 });

export function agreementSummary(labels: readonly LiveLabel[], pairs: ReadonlyMap<number, AgreementPair>): AgreementSummary {
  const ids = new Map<string, number[]>();
  const add = (key: string, pairId: number) => {
    const list = ids.get(key) ?? [];
    if (list.at(-1) !== pairId) list.push(pairId);
    ids.set(key, list);
  };
  const votes = currentVotes(labels);
  const repeats = latestRepeats(labels);
  const sideOf = (label: LiveLabel) => {
    const pair = pairs.get(label.pairId);
    return pair ? chosenSide(label.label, label.leftCandidateId === pair.candidateA) : null;
  };

  // Per reviewer: current votes by label, repeats, and their own position bias.
  const names = new Map<number, string>();
  for (const label of labels) names.set(label.reviewerId, label.reviewer);
  const reviewers: ReviewerStats[] = [...names.entries()]
    .sort((x, y) => x[1].localeCompare(y[1]))
    .map(([reviewerId, reviewer]) => {
      const mine = votes.filter((vote) => vote.reviewerId === reviewerId);
      const byLabel = emptyByLabel();
      for (const vote of mine) {
        byLabel[vote.label]++;
        add(metricKey("reviewer", reviewerId), vote.pairId);
        add(metricKey("reviewer", reviewerId, vote.label), vote.pairId);
      }
      const myRepeats = repeats.filter((repeat) => repeat.reviewerId === reviewerId);
      const shown = [...mine, ...myRepeats].map((label) => ({ chosenSide: sideOf(label) }));
      return { reviewerId, reviewer, pairs: mine.length, byLabel, repeats: myRepeats.length, bias: positionBias(shown) };
    });

  // Between reviewers: pairs with two or more non-skip votes.
  const byPair = new Map<number, LiveLabel[]>();
  for (const vote of votes) if (vote.label !== "skip") byPair.set(vote.pairId, [...(byPair.get(vote.pairId) ?? []), vote]);
  const multiRows: Category[][] = [];
  let allAgree = 0;
  for (const [pairId, pairVotes] of byPair) {
    if (pairVotes.length < 2) continue;
    multiRows.push(pairVotes.map((vote) => vote.label as Category));
    add(metricKey("multi"), pairId);
    const isUnanimous = new Set(pairVotes.map((vote) => vote.label)).size === 1;
    if (isUnanimous) allAgree++;
    add(metricKey("multi", isUnanimous ? "agree" : "disagree"), pairId);
  }
  const fleiss = fleissKappa(countsByCategory(multiRows, AGREEMENT_CATEGORIES));

  const duos: DuoStats[] = [];
  const reviewerIds = [...names.keys()].sort((x, y) => x - y);
  for (let i = 0; i < reviewerIds.length; i++) {
    for (let j = i + 1; j < reviewerIds.length; j++) {
      const [first, second] = [reviewerIds[i], reviewerIds[j]];
      const firstLabels: Category[] = [];
      const secondLabels: Category[] = [];
      for (const [pairId, pairVotes] of byPair) {
        const x = pairVotes.find((vote) => vote.reviewerId === first);
        const y = pairVotes.find((vote) => vote.reviewerId === second);
        if (!x || !y) continue;
        firstLabels.push(x.label as Category);
        secondLabels.push(y.label as Category);
        add(metricKey("duo", first, second), pairId);
        if (x.label !== y.label) add(metricKey("duo", first, second, "disagree"), pairId);
      }
      if (firstLabels.length === 0) continue;
      duos.push({
        first: names.get(first)!,
        second: names.get(second)!,
        firstId: first,
        secondId: second,
        shared: firstLabels.length,
        agreement: percentAgreement(firstLabels, secondLabels),
        kappa: cohenKappa(firstLabels, secondLabels, { categories: AGREEMENT_CATEGORIES }),
      });
    }
  }

  // Position bias over every labelling event that showed sides: current votes and repeats.
  for (const label of [...votes, ...repeats]) {
    const side = sideOf(label);
    if (side) add(metricKey("side", side), label.pairId);
  }
  const bias = positionBias([...votes, ...repeats].map((label) => ({ chosenSide: sideOf(label) })));

  // Self-consistency: a reviewer's repeat against their own current vote on that pair.
  const voteOf = new Map(votes.map((vote) => [`${vote.pairId}:${vote.reviewerId}`, vote]));
  const repeated = repeats.flatMap((repeat) => {
    const first = voteOf.get(`${repeat.pairId}:${repeat.reviewerId}`);
    if (!first) return [];
    add(metricKey("repeat"), repeat.pairId);
    if (first.label !== repeat.label && first.label !== "skip" && repeat.label !== "skip")
      add(metricKey("repeat", "inconsistent"), repeat.pairId);
    return [{ first: first.label, second: repeat.label }];
  });
  const consistency = selfConsistency(repeated);

  return {
    labels: labels.length,
    reviewers,
    multi: { pairs: multiRows.length, allAgree, allAgreeShare: multiRows.length ? allAgree / multiRows.length : null, fleiss },
    duos,
    bias,
    consistency,
    judge: judgeMatch(labels, pairs, add),
    ids,
  };
}

/** Each reviewer's latest repeat label per pair. */
function latestRepeats(labels: readonly LiveLabel[]): LiveLabel[] {
  const latest = new Map<string, LiveLabel>();
  for (const label of labels) {
    if (!label.isRepeat) continue;
    const key = `${label.pairId}:${label.reviewerId}`;
    if ((latest.get(key)?.id ?? 0) < label.id) latest.set(key, label);
  }
  return [...latest.values()].sort((x, y) => x.id - y.id);
}

/** Does the human majority prefer the candidate with the higher judge overall? Per edit type. */
function judgeMatch(labels: readonly LiveLabel[], pairs: ReadonlyMap<number, AgreementPair>, add: (key: string, pairId: number) => void) {
  const rows = new Map<string, { compared: number; matches: number; judgeTies: number }>();
  const bump = (editType: string, field: "compared" | "matches" | "judgeTies") => {
    const row = rows.get(editType) ?? { compared: 0, matches: 0, judgeTies: 0 };
    row[field]++;
    rows.set(editType, row);
  };
  for (const outcome of pairOutcomes(labels).values()) {
    const pair = pairs.get(outcome.pairId);
    if (!pair || (outcome.outcome !== "a" && outcome.outcome !== "b") || pair.overallA === null || pair.overallB === null) continue;
    if (pair.overallA === pair.overallB) {
      bump(pair.editType, "judgeTies");
      add(metricKey("judge", pair.editType, "tie"), pair.pairId);
      continue;
    }
    const judgePrefersA = pair.overallA > pair.overallB;
    const isMatch = judgePrefersA === (outcome.outcome === "a");
    bump(pair.editType, "compared");
    if (isMatch) bump(pair.editType, "matches");
    for (const scope of [pair.editType, "*"]) add(metricKey("judge", scope, isMatch ? "match" : "mismatch"), pair.pairId);
  }
  const toRow = (editType: string, row: { compared: number; matches: number; judgeTies: number }): JudgeMatchRow => {
    const share = wilson(row.matches, row.compared);
    return { editType, ...row, share: share.p, ci: share.ci };
  };
  const byEditType = [...rows.entries()]
    .sort((x, y) => y[1].compared - x[1].compared || x[0].localeCompare(y[0]))
    .map(([editType, row]) => toRow(editType, row));
  const total = [...rows.values()].reduce(
    (sum, row) => ({ compared: sum.compared + row.compared, matches: sum.matches + row.matches, judgeTies: sum.judgeTies + row.judgeTies }),
    { compared: 0, matches: 0, judgeTies: 0 },
  );
  return { overall: toRow("*", total), byEditType };
}

export function metricIds(summary: AgreementSummary, key: string): number[] {
  return summary.ids.get(key) ?? [];
}
