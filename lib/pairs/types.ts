// What the pair screens show: plain data, drizzle-free, so the pair components can import it.
// Filled by lib/db/queries/pairs.ts, pairs-labels.ts and pairs-queue.ts.
import type { PairLabel, PairOrigin } from "./enums";

export type PairCandidateView = {
  id: number;
  imagePath: string;
  role: string;
  attempt: number | null;
  judgeOverall: number | null;
  judgeVerdict: string;
  humanVerdict: string;
  effectiveVerdict: string;
};

export type PairItem = {
  pairId: number;
  origin: PairOrigin;
  requestId: number;
  editType: string;
  group: string;
  isKnownType: boolean;
  text: string;
  summarizedText: string;
  isIdenticalText: boolean;
  sourceImage: string;
  /** "turns" pairs: prompts from the original up to this turn (the source is then the original). */
  promptChain: string[] | null;
  turn: number | null;
  a: PairCandidateView;
  b: PairCandidateView;
  /** The candidate to show on the left for this reviewer (randomised; swapped for a repeat). */
  leftCandidateId: number;
  isRepeat: boolean;
  /** Reviewers with a current label on this pair (any label). */
  reviewerCount: number;
  myLabel: { id: number; label: PairLabel; leftCandidateId: number } | null;
  threshold: number;
};

export type PairsOverview = {
  total: number;
  byOrigin: Partial<Record<PairOrigin, number>>;
  labelledPairs: number;
  labels: number;
  reviewers: number;
  mine: number;
};

export type PairListLabel = {
  id: number;
  reviewer: string;
  label: PairLabel;
  leftCandidateId: number;
  isRepeat: boolean;
  isUndone: boolean;
  createdAt: string;
};

export type PairListCandidate = { id: number; imagePath: string; role: string; judgeOverall: number | null; effectiveVerdict: string };

export type PairListRow = {
  pairId: number;
  origin: PairOrigin;
  requestId: number;
  editType: string;
  summarizedText: string;
  sourceImage: string;
  a: PairListCandidate;
  b: PairListCandidate;
  labels: PairListLabel[];
};

export type QueueBatch = { items: PairItem[]; remaining: number; repeatsDue: number };
