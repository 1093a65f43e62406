// A dataset as the home page and export page show it, drizzle-free for the components. Dataset is
// the table's row type (a type-only import: nothing of drizzle reaches the browser).
export type { Dataset } from "../db/schema";

export type DatasetSummary = {
  id: number;
  name: string;
  base: string | null;
  isDemo: boolean;
  threshold: number;
  requests: number;
  candidates: number;
  editTypes: number;
  judged: number;
  reviewed: number;
  judgePass: number;
  effectivePass: number;
  disagreements: number;
  sessions: number;
  pairs: number;
  /** Pairs nobody has labelled yet (no live label). */
  unlabelledPairs: number;
};
