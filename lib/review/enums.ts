// A reviewer's decision values, drizzle-free: the reviews table, the decision schema and the
// review form all read these.
export const VERDICTS = ["accept", "reject", "unsure"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const REASON_TAGS = [
  "instruction_not_followed",
  "wrong_region",
  "artifacts",
  "over_edited",
  "under_edited",
  "identity_changed",
  "text_wrong",
  "no_visible_change",
] as const;
export type ReasonTag = (typeof REASON_TAGS)[number];
