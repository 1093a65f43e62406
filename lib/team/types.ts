// What the assignments and adjudication pages show: plain data, drizzle-free, so the team
// components can import it. Filled by lib/db/queries/assignments.ts and adjudication.ts.
import type { AdjudicationVerdict, AssignmentSource } from "./enums";

export type ReviewerProgress = { reviewerId: number; reviewer: string; total: number; decided: number; isOverdue: boolean };

export type AssignmentSummary = {
  id: number;
  title: string;
  source: AssignmentSource;
  sampleId: number | null;
  overlap: number;
  seed: number;
  dueAt: string | null;
  createdAt: string;
  items: number;
  /** Items every one of their reviewers has decided. */
  itemsDone: number;
  slots: number;
  decided: number;
  isOverdue: boolean;
  reviewers: ReviewerProgress[];
};

export type OpenItem = { candidateId: number; reviewerId: number; reviewer: string };

export type AdjudicationItem = {
  candidateId: number;
  editType: string;
  imagePath: string;
  judgeVerdict: string;
  verdicts: { reviewer: string; verdict: "accept" | "reject" | "unsure"; note: string | null; at: string }[];
  adjudication: { verdict: AdjudicationVerdict; adjudicator: string; note: string | null; at: string } | null;
};
