// Which candidate a reviewer sees on the left, and which labelled pairs come back as repeats.
// Both are deterministic hashes of (pair, reviewer): random across pairs (so position bias can be
// measured), stable across reloads and devices (so a pair does not jump sides mid-session), and
// independent of each other. The side actually shown is what gets recorded (left_candidate_id).
import type { PairLabel } from "./enums";

/** FNV-1a 32-bit, then a murmur finaliser for better low-bit mixing. */
export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** A number in [0, 1) from the parts. */
export function unitHash(...parts: (string | number)[]): number {
  return hash32(parts.join("|")) / 2 ** 32;
}

export type PairSides = { pairId: number; candidateA: number; candidateB: number };

/** The candidate shown on the left the first time this reviewer sees the pair. */
export function firstLeft(pair: PairSides, reviewerId: number): number {
  return unitHash("side", pair.pairId, reviewerId) < 0.5 ? pair.candidateA : pair.candidateB;
}

/** A repeat shows the sides swapped relative to the label it repeats. */
export function swappedLeft(pair: PairSides, previousLeft: number): number {
  return previousLeft === pair.candidateA ? pair.candidateB : pair.candidateA;
}

export const DEFAULT_REPEAT_SHARE = 0.1;
export const MAX_REPEAT_SHARE = 0.5;
/** A repeat waits until the reviewer has labelled this many other pairs, so memory fades a little. */
export const REPEAT_GAP = 5;

/** Whether this reviewer's label on this pair is one of the `share` that come back. */
export function isRepeatSelected(pairId: number, reviewerId: number, share: number): boolean {
  if (!(share > 0)) return false;
  return unitHash("repeat", pairId, reviewerId) < Math.min(share, MAX_REPEAT_SHARE);
}

export type ScreenChoice = "left" | "right" | "tie" | "both_bad" | "skip";

/** What a key press means for the stored label: left/right become a or b through the shown sides. */
export function labelFor(choice: ScreenChoice, pair: PairSides, leftCandidateId: number): PairLabel {
  if (choice === "left") return leftCandidateId === pair.candidateA ? "a" : "b";
  if (choice === "right") return leftCandidateId === pair.candidateA ? "b" : "a";
  return choice;
}

/** The candidate a label prefers, or null for tie / both bad / skip. */
export function preferredCandidate(label: PairLabel, pair: Pick<PairSides, "candidateA" | "candidateB">): number | null {
  if (label === "a") return pair.candidateA;
  if (label === "b") return pair.candidateB;
  return null;
}

export const PAIR_LABEL_TEXT: Record<PairLabel, string> = {
  a: "A better",
  b: "B better",
  tie: "Tie",
  both_bad: "Both bad",
  skip: "Skipped",
};

/** "left" / "right" for a decisive label as it was shown. */
export function shownSide(label: PairLabel, pair: Pick<PairSides, "candidateA">, leftCandidateId: number): "left" | "right" | null {
  if (label !== "a" && label !== "b") return null;
  const leftIsA = leftCandidateId === pair.candidateA;
  return (label === "a") === leftIsA ? "left" : "right";
}
