// Manifest kinds and the role a candidate plays in its manifest, drizzle-free.
export const MANIFEST_KINDS = ["sft", "preference", "multi_turn"] as const;
export type ManifestKind = (typeof MANIFEST_KINDS)[number];
export const CANDIDATE_ROLES = ["sft", "rejected", "turn"] as const;
export type CandidateRole = (typeof CANDIDATE_ROLES)[number];
