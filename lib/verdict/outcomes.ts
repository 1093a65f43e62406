// Verdict values, drizzle-free so client components and zod schemas can import them.
/** Effective/judge/prior verdicts are pass/fail; "unresolved" is a human tie or only-unsure. */
export const OUTCOMES = ["pass", "fail", "unresolved", "none"] as const;
export type Outcome = (typeof OUTCOMES)[number];
