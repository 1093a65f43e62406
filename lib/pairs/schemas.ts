// One zod schema per pair action, shared by the server action and the client that calls it.
import { z } from "zod";
import { dbId } from "../ids";
import { PAIR_LABELS } from "./enums";
import { DEFAULT_MINING_OPTIONS, MINING_RULE_IDS } from "./mining";

const id = dbId;

export const labelPairSchema = z.object({
  datasetId: id,
  pairId: id,
  label: z.enum(PAIR_LABELS),
  /** The candidate that was on the left when the key was pressed (must be one of the pair's). */
  leftCandidateId: id,
  isRepeat: z.boolean().default(false),
});
export type LabelPairInput = z.input<typeof labelPairSchema>;

export const undoPairLabelSchema = z.object({ datasetId: id, labelId: id });

export const minePairsSchema = z.object({
  datasetId: id,
  rules: z.array(z.enum(MINING_RULE_IDS)).min(1, "pick at least one rule").max(MINING_RULE_IDS.length),
  margin: z
    .number()
    .min(0, "the margin is a score difference in [0, 1]")
    .max(1, "the margin is a score difference in [0, 1]")
    .default(DEFAULT_MINING_OPTIONS.margin),
  band: z.number().min(0, "the band is in [0, 0.5]").max(0.5, "the band is in [0, 0.5]").default(DEFAULT_MINING_OPTIONS.band),
  maxPerRequest: z.number().int().min(2).max(20).default(DEFAULT_MINING_OPTIONS.maxPerRequest),
  editType: z.string().max(300).optional(),
});
export type MinePairsInput = z.input<typeof minePairsSchema>;

export const createPairSchema = z
  .object({ datasetId: id, candidateA: id, candidateB: id })
  .refine((input) => input.candidateA !== input.candidateB, { message: "pick two different candidates", path: ["candidateB"] });
