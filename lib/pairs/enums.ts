// Preference-pair values, drizzle-free: the pairs tables, the zod schemas and the pair screens
// all read these.
export const PAIR_LABELS = ["a", "b", "tie", "both_bad", "skip"] as const;
export type PairLabel = (typeof PAIR_LABELS)[number];
export const PAIR_ORIGINS = ["manifest", "request", "turns", "near_tie", "disagreement", "multi_pass", "manual"] as const;
export type PairOrigin = (typeof PAIR_ORIGINS)[number];
