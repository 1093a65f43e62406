// Team-work enumerations, drizzle-free so client components and zod schemas can import them.
export const ASSIGNMENT_SOURCES = ["filter", "sample"] as const;
export type AssignmentSource = (typeof ASSIGNMENT_SOURCES)[number];

/** An adjudication or a gold item settles an item: accept or reject, never unsure. */
export const ADJUDICATION_VERDICTS = ["accept", "reject"] as const;
export type AdjudicationVerdict = (typeof ADJUDICATION_VERDICTS)[number];

export const MAX_GOLD_RATE = 0.5;
