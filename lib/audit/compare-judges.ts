// Judge against judge: is the cheaper (or newer) judge as good as the one it would replace?
// Both are scored against the same people on the same items (those with a human pass/fail and a
// verdict from each judge), so every comparison is paired: the κ and accuracy differences get a
// paired bootstrap interval (items resampled together, seeded so a report repeats exactly), and
// the exact McNemar test asks whether one judge is right where the other is wrong more often
// than chance. Cost per item comes from the tokens and costs recorded with each judgement.
import type { AuditSlice } from "./slice";
import { seededRandom } from "../random";
import { mcnemarExact } from "./paired";
import {
  agreementStats,
  isLabelled,
  itemOutcome,
  type AgreementStats,
  type AuditCandidate,
  type IntervalPair,
  type LabelledItem,
  type Rubric,
} from "./report-stats";

export const BOOTSTRAP_RESAMPLES = 2000;
export const BOOTSTRAP_SEED = 20251;
/** A κ loss below this is treated as no loss when saying "as well as" (the interval must exclude more). */
export const KAPPA_MARGIN = 0.05;

export type JudgeSide = AgreementStats & {
  judge_id: string;
  /** Short name for sentences: the parts of the id the two judges do not share. */
  label: string;
  /** Mean recorded cost per judged item (USD) over the compared items; null when none was recorded. */
  cost_per_item_usd: number | null;
  input_tokens_per_item: number | null;
  output_tokens_per_item: number | null;
  /** Compared items whose judgement carries a cost. */
  costed_items: number;
};

export type Difference = { estimate: number | null; ci: IntervalPair };

export type TypeComparison = {
  edit_type: string;
  items: number;
  accuracy_a: number;
  accuracy_b: number;
  difference: number;
  a_right_b_wrong: number;
  a_wrong_b_right: number;
  mcnemar_p: number;
};

export type JudgeComparison = {
  a: JudgeSide;
  b: JudgeSide;
  /** Items with a human pass/fail and a verdict from both judges: every number is over these. */
  items: number;
  /** Labelled items only one of the two judges has a verdict on (left out). */
  only_a: number;
  only_b: number;
  /** κ of b minus κ of a, with a paired percentile bootstrap interval. */
  kappa_difference: Difference;
  /** Accuracy of b minus accuracy of a, same bootstrap. */
  accuracy_difference: Difference;
  bootstrap: { method: string; resamples: number; usable: number; seed: number };
  /** Exact McNemar test on the items exactly one judge gets right. */
  mcnemar: { a_right_b_wrong: number; a_wrong_b_right: number; p: number };
  /** b's cost per item over a's; null unless both recorded costs. */
  cost_ratio: number | null;
  /** Edit types where the two differ most (largest accuracy difference first). */
  by_edit_type: TypeComparison[];
  sentence: string;
  notes: string[];
};

/** The id segments the two judges do not share ("gemini/gemini-2.5-pro/rubric-v1" vs "…flash…" → the model names). */
export function judgeLabels(a: string, b: string): [string, string] {
  const left = a.split("/");
  const right = b.split("/");
  const keep = (parts: string[], other: string[]) => parts.filter((part, index) => other[index] !== part).join("/") || parts.join("/");
  return left.length === right.length ? [keep(left, right), keep(right, left)] : [a, b];
}

function kappa2x2(pp: number, pf: number, fp: number, ff: number): number | null {
  const n = pp + pf + fp + ff;
  if (n === 0 || pp + pf === 0 || fp + ff === 0 || pp + fp === 0 || pf + ff === 0) return null;
  const po = (pp + ff) / n;
  const pe = ((pp + pf) * (pp + fp) + (fp + ff) * (pf + ff)) / (n * n);
  return (po - pe) / (1 - pe);
}

function percentile(sorted: readonly number[], q: number): number {
  // Linear interpolation between order statistics (numpy's default "linear" method).
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

type Paired = { human: Uint8Array; a: Uint8Array; b: Uint8Array };

/** κ and accuracy of both judges on the items at `indices` (a bootstrap resample or all of them). */
function tables(data: Paired, indices: ArrayLike<number>) {
  const counts = new Int32Array(8); // [judge a pass/fail × human] then the same for b
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i];
    const h = data.human[k];
    counts[(1 - data.a[k]) * 2 + (1 - h)]++;
    counts[4 + (1 - data.b[k]) * 2 + (1 - h)]++;
  }
  const n = indices.length;
  return {
    kappaA: kappa2x2(counts[0], counts[1], counts[2], counts[3]),
    kappaB: kappa2x2(counts[4], counts[5], counts[6], counts[7]),
    accuracyA: (counts[0] + counts[3]) / n,
    accuracyB: (counts[4] + counts[7]) / n,
  };
}

function bootstrap(data: Paired, resamples: number, seed: number) {
  const n = data.human.length;
  const random = seededRandom(seed);
  const kappa: number[] = [];
  const accuracy: number[] = [];
  const indices = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) indices[i] = Math.floor(random() * n);
    const t = tables(data, indices);
    accuracy.push(t.accuracyB - t.accuracyA);
    // A resample where someone used one class only has no κ: it is left out and counted.
    if (t.kappaA !== null && t.kappaB !== null) kappa.push(t.kappaB - t.kappaA);
  }
  kappa.sort((x, y) => x - y);
  accuracy.sort((x, y) => x - y);
  const interval = (values: number[]): IntervalPair =>
    values.length >= 20 ? [percentile(values, 0.025), percentile(values, 0.975)] : null;
  return { kappa: interval(kappa), accuracy: interval(accuracy), usable: kappa.length };
}

function side(judgeId: string, label: string, items: readonly LabelledItem[], candidates: ReadonlyMap<number, AuditCandidate>): JudgeSide {
  const costs: number[] = [];
  const inputs: number[] = [];
  const outputs: number[] = [];
  for (const item of items) {
    const judgement = candidates
      .get(item.candidateId)!
      .judgements.filter((entry) => entry.judgeId === judgeId)
      .sort((x, y) => y.id - x.id)[0];
    if (typeof judgement?.costUsd === "number") costs.push(judgement.costUsd);
    if (typeof judgement?.inputTokens === "number") inputs.push(judgement.inputTokens);
    if (typeof judgement?.outputTokens === "number") outputs.push(judgement.outputTokens);
  }
  const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null);
  return {
    judge_id: judgeId,
    label,
    ...agreementStats(items),
    cost_per_item_usd: mean(costs),
    input_tokens_per_item: mean(inputs),
    output_tokens_per_item: mean(outputs),
    costed_items: costs.length,
  };
}

const signed = (value: number) => `${value < 0 ? "−" : value > 0 ? "+" : ""}${Math.abs(value).toFixed(2)}`;

function sentenceFor(comparison: Omit<JudgeComparison, "sentence" | "notes">): string {
  const { a, b, kappa_difference: diff } = comparison;
  if (comparison.items === 0) return `No item has a reviewer's verdict and a verdict from both ${a.label} and ${b.label} yet.`;
  if (diff.estimate === null || diff.ci === null)
    return `${b.label} and ${a.label} cannot be compared by κ on these ${comparison.items} items (one class only); see accuracy.`;
  const [lo, hi] = diff.ci;
  const stats = `(κ difference ${signed(diff.estimate)}, 95% CI ${signed(lo)} to ${signed(hi)}, ${comparison.items} items)`;
  const ratio = comparison.cost_ratio;
  const cost =
    ratio === null
      ? ""
      : ratio < 1
        ? ` at ${Math.round(ratio * 100)}% of the cost`
        : ratio > 1
          ? ` at ${ratio.toFixed(1)}× the cost`
          : " at the same cost";
  if (lo > 0) return `${b.label} agrees with reviewers better than ${a.label} ${stats}${cost}.`;
  if (hi < 0) return `${b.label} agrees with reviewers less well than ${a.label} ${stats}${cost}.`;
  // "As well as" only when the interval also rules out a material loss; otherwise say what it allows.
  if (Math.round(lo * 100) / 100 >= -KAPPA_MARGIN) return `${b.label} agrees with reviewers as well as ${a.label} ${stats}${cost}.`;
  return `${b.label} is not shown to agree with reviewers as well as ${a.label}: its κ could be up to ${Math.abs(lo).toFixed(2)} lower ${stats}${cost}. Label more items to decide.`;
}

export function compareJudges(
  candidates: readonly AuditCandidate[],
  rubric: Rubric,
  judgeA: string,
  judgeB: string,
  options: { resamples?: number; seed?: number } = {},
): JudgeComparison {
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? BOOTSTRAP_SEED;
  const [labelA, labelB] = judgeLabels(judgeA, judgeB);
  const byId = new Map(candidates.map((candidate) => [candidate.candidateId, candidate]));
  const pairs: { a: LabelledItem; b: LabelledItem }[] = [];
  let onlyA = 0;
  let onlyB = 0;
  for (const candidate of candidates) {
    const a = itemOutcome(candidate, rubric, judgeA);
    const b = itemOutcome(candidate, rubric, judgeB);
    if (isLabelled(a) && isLabelled(b)) pairs.push({ a, b });
    else if (isLabelled(a)) onlyA++;
    else if (isLabelled(b)) onlyB++;
  }
  const itemsA = pairs.map((pair) => pair.a);
  const itemsB = pairs.map((pair) => pair.b);
  const sideA = side(judgeA, labelA, itemsA, byId);
  const sideB = side(judgeB, labelB, itemsB, byId);
  const data: Paired = {
    human: Uint8Array.from(itemsA, (item) => (item.human === "pass" ? 1 : 0)),
    a: Uint8Array.from(itemsA, (item) => (item.judge === "pass" ? 1 : 0)),
    b: Uint8Array.from(itemsB, (item) => (item.judge === "pass" ? 1 : 0)),
  };
  const boot = pairs.length > 0 ? bootstrap(data, resamples, seed) : { kappa: null, accuracy: null, usable: 0 };
  let aRightBWrong = 0;
  let aWrongBRight = 0;
  const types = new Map<string, { items: number; rightA: number; rightB: number; ab: number; ba: number }>();
  for (const { a, b } of pairs) {
    const isRightA = a.judge === a.human;
    const isRightB = b.judge === b.human;
    if (isRightA && !isRightB) aRightBWrong++;
    if (!isRightA && isRightB) aWrongBRight++;
    const entry = types.get(a.editType) ?? { items: 0, rightA: 0, rightB: 0, ab: 0, ba: 0 };
    entry.items++;
    entry.rightA += isRightA ? 1 : 0;
    entry.rightB += isRightB ? 1 : 0;
    entry.ab += isRightA && !isRightB ? 1 : 0;
    entry.ba += !isRightA && isRightB ? 1 : 0;
    types.set(a.editType, entry);
  }
  const byType = [...types].map(([editType, entry]): TypeComparison => ({
    edit_type: editType,
    items: entry.items,
    accuracy_a: entry.rightA / entry.items,
    accuracy_b: entry.rightB / entry.items,
    difference: (entry.rightB - entry.rightA) / entry.items,
    a_right_b_wrong: entry.ab,
    a_wrong_b_right: entry.ba,
    mcnemar_p: mcnemarExact(entry.ab, entry.ba),
  }));
  byType.sort((x, y) => Math.abs(y.difference) - Math.abs(x.difference) || x.mcnemar_p - y.mcnemar_p || y.items - x.items);
  const costRatio = sideA.cost_per_item_usd && sideB.cost_per_item_usd !== null ? sideB.cost_per_item_usd / sideA.cost_per_item_usd : null;
  const comparison = {
    a: sideA,
    b: sideB,
    items: pairs.length,
    only_a: onlyA,
    only_b: onlyB,
    kappa_difference: { estimate: sideA.kappa !== null && sideB.kappa !== null ? sideB.kappa - sideA.kappa : null, ci: boot.kappa },
    accuracy_difference: { estimate: pairs.length ? sideB.accuracy! - sideA.accuracy! : null, ci: boot.accuracy },
    bootstrap: {
      method: "paired percentile bootstrap (items resampled with replacement, mulberry32 PRNG)",
      resamples: pairs.length ? resamples : 0,
      usable: boot.usable,
      seed,
    },
    mcnemar: { a_right_b_wrong: aRightBWrong, a_wrong_b_right: aWrongBRight, p: mcnemarExact(aRightBWrong, aWrongBRight) },
    cost_ratio: costRatio,
    by_edit_type: byType,
  };
  const notes: string[] = [];
  if (onlyA + onlyB > 0)
    notes.push(
      `${onlyA + onlyB} labelled items have a verdict from only one of the two judges and are left out ` +
        `(${onlyA} only ${labelA}, ${onlyB} only ${labelB}). Run the other judge on them for a fuller comparison.`,
    );
  if (sideA.costed_items < pairs.length || sideB.costed_items < pairs.length)
    notes.push(
      `Costs were recorded on ${sideA.costed_items} (${labelA}) and ${sideB.costed_items} (${labelB}) of the ${pairs.length} items; imported scores carry none.`,
    );
  if (pairs.length > 0 && pairs.length < 100)
    notes.push(`Only ${pairs.length} items: the intervals are wide; review more items (an audit sample) before switching judges.`);
  return { ...comparison, sentence: sentenceFor(comparison), notes };
}

/** The comparison as the page, the route and `npm run audit -- --compare` present it. */
export type JudgeComparisonReport = JudgeComparison & {
  version: 1;
  generated_at: string;
  dataset: { id: number; name: string; threshold: number };
  slice: AuditSlice;
  /** Judge ids with a verdict on at least one reviewed item of the slice: what can be compared. */
  judge_ids: string[];
};
