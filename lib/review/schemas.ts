// One schema for a decision, shared by the server action and the client form.
import { z } from "zod";
import { dbId } from "../ids";
import { REASON_TAGS, VERDICTS } from "./enums";

const score = z.number().min(0, "scores are in [0, 1]").max(1, "scores are in [0, 1]").nullable().optional();

export const decisionSchema = z.object({
  datasetId: dbId,
  candidateId: dbId,
  verdict: z.enum(VERDICTS),
  reasonTags: z.array(z.enum(REASON_TAGS)).max(REASON_TAGS.length).default([]),
  note: z.string().max(4000, "notes are at most 4000 characters").optional(),
  scores: z
    .object({ instruction_compliance: score, seamlessness: score, preservation_balance: score, technical_quality: score })
    .partial()
    .optional(),
  /** The audit sample being walked; its stored inclusion probability is recorded, never the client's. */
  sampleId: dbId.optional(),
});
export type DecisionInput = z.input<typeof decisionSchema>;

export const undoSchema = z.object({ datasetId: dbId, reviewId: dbId });

export const REASON_TAG_LABELS: Record<(typeof REASON_TAGS)[number], string> = {
  instruction_not_followed: "Instruction not followed",
  wrong_region: "Wrong region",
  artifacts: "Artifacts",
  over_edited: "Over-edited",
  under_edited: "Under-edited",
  identity_changed: "Identity changed",
  text_wrong: "Text wrong",
  no_visible_change: "No visible change",
};
