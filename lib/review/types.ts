// What the item (review) page shows for one candidate: plain data, drizzle-free, so the review
// components can import it. Filled by lib/db/queries/items.ts.
import type { Weights } from "../taxonomy";
import type { CriterionScores } from "../verdict";

export type JudgementView = {
  id: number;
  judgeId: string;
  scores: CriterionScores;
  overall: number | null;
  reportedOverall: number | null;
  verdict: "pass" | "fail" | "none";
  scoredCriteria: number;
  rationale: string | null;
  error: string | null;
  raw: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  createdAt: string;
};

export type ReviewView = {
  id: number;
  reviewer: string;
  reviewerId: number;
  verdict: "accept" | "reject" | "unsure";
  scores: CriterionScores;
  reasonTags: string[];
  note: string | null;
  judgeVerdictThen: string | null;
  source: string;
  undoOf: number | null;
  isUndone: boolean;
  createdAt: string;
};

export type SiblingView = {
  id: number;
  imagePath: string;
  role: string;
  effectiveVerdict: string;
  judgeOverall: number | null;
  attempt: number | null;
};

export type TurnView = {
  turn: number;
  candidateId: number;
  imagePath: string;
  sourceImage: string;
  prompt: string;
  effectiveVerdict: string;
  humanVerdict: string;
};

export type ItemDetail = {
  datasetId: number;
  threshold: number;
  weights: Weights;
  candidate: {
    id: number;
    imagePath: string;
    role: string;
    prior: string;
    attempt: number | null;
    judgeOverall: number | null;
    judgeVerdict: string;
    humanVerdict: string;
    effectiveVerdict: string;
    reviewCount: number;
    isDisagreement: boolean;
    isInPair: boolean;
  };
  request: {
    id: number;
    sourceImage: string;
    localSourceImage: string | null;
    text: string;
    summarizedText: string;
    isIdenticalText: boolean;
    editType: string;
    group: string;
    isKnownType: boolean;
    paperSuccessRate: number | null;
    paperRows: number | null;
    sessionId: number | null;
    turn: number | null;
  };
  judgements: JudgementView[];
  reviews: ReviewView[];
  siblings: SiblingView[];
  session: { id: number; originalUrl: string; turnCount: number; turns: TurnView[] } | null;
};
