// Preference-labelling diagnostics. Position bias: do labellers favour the left image whatever
// it shows? Self-consistency: when a pair comes back (sides possibly swapped), does the labeller
// pick the same candidate again? Both use Wilson intervals because shares near 0 or 1 with a few
// dozen labels are the norm.
import { wilson, type Interval } from "./intervals";

export type PreferenceLabel = "a" | "b" | "tie" | "both_bad" | "skip";
export type Side = "left" | "right";

/** The side the chosen candidate was shown on; null for tie / both_bad / skip. */
export function chosenSide(label: PreferenceLabel, leftIsA: boolean): Side | null {
  if (label === "a") return leftIsA ? "left" : "right";
  if (label === "b") return leftIsA ? "right" : "left";
  return null;
}

export type PositionBias = {
  /** Labels that chose a side. */
  decisive: number;
  left: number;
  right: number;
  /** Labels without a side (tie, both bad, skip). */
  undecided: number;
  /** left / decisive; null when no label is decisive. */
  leftShare: number | null;
  ci: Interval | null;
  /** The CI excludes 0.5; null when there is no CI. */
  biased: boolean | null;
};

export function positionBias(labels: readonly { chosenSide: Side | null }[], options: { confidence?: number } = {}): PositionBias {
  let left = 0;
  let right = 0;
  for (const label of labels) {
    if (label.chosenSide === "left") left++;
    else if (label.chosenSide === "right") right++;
  }
  const decisive = left + right;
  const share = wilson(left, decisive, options.confidence);
  return {
    decisive,
    left,
    right,
    undecided: labels.length - decisive,
    leftShare: share.p,
    ci: share.ci,
    biased: share.ci ? share.ci.lo > 0.5 || share.ci.hi < 0.5 : null,
  };
}

export type RepeatedPair = { first: PreferenceLabel; second: PreferenceLabel };

export type SelfConsistency = {
  /** Repeats where neither label is skip. */
  pairs: number;
  /** Same label both times (a = the same candidate whatever its side; tie = tie, …). */
  consistent: number;
  share: number | null;
  ci: Interval | null;
  /** Repeats where both labels picked a candidate (a or b). */
  decisivePairs: number;
  /** Of those, the same candidate both times. */
  decisiveConsistent: number;
  decisiveShare: number | null;
  decisiveCi: Interval | null;
  /** Repeats dropped because a label was skip. */
  skipped: number;
};

/**
 * Labels are compared by candidate (a/b), not by side: a labeller who always clicks "left" on
 * a swapped repeat picks different candidates and counts as inconsistent, which is the point.
 */
export function selfConsistency(pairs: readonly RepeatedPair[], options: { confidence?: number } = {}): SelfConsistency {
  let counted = 0;
  let consistent = 0;
  let decisivePairs = 0;
  let decisiveConsistent = 0;
  let skipped = 0;
  for (const { first, second } of pairs) {
    if (first === "skip" || second === "skip") {
      skipped++;
      continue;
    }
    counted++;
    if (first === second) consistent++;
    const decisive = (first === "a" || first === "b") && (second === "a" || second === "b");
    if (decisive) {
      decisivePairs++;
      if (first === second) decisiveConsistent++;
    }
  }
  const all = wilson(consistent, counted, options.confidence);
  const decisive = wilson(decisiveConsistent, decisivePairs, options.confidence);
  return {
    pairs: counted,
    consistent,
    share: all.p,
    ci: all.ci,
    decisivePairs,
    decisiveConsistent,
    decisiveShare: decisive.p,
    decisiveCi: decisive.ci,
    skipped,
  };
}
