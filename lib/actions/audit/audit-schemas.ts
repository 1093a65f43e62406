// The rubric change the audit page proposes (a threshold and four weights), shared by the apply
// action, the preview route and the confirm dialog.
import { z } from "zod";
import { dbId } from "../../ids";

const weight = z.number().min(0, "weights are ≥ 0").max(1, "weights are ≤ 1");

export const rubricChangeSchema = z.object({
  datasetId: dbId,
  threshold: z.number().min(0, "the threshold is in [0, 1]").max(1, "the threshold is in [0, 1]"),
  weights: z
    .object({ instruction_compliance: weight, seamlessness: weight, preservation_balance: weight, technical_quality: weight })
    .refine(
      (w) => w.instruction_compliance + w.seamlessness + w.preservation_balance + w.technical_quality > 0,
      "at least one weight must be above 0",
    ),
});
export type RubricChangeInput = z.input<typeof rubricChangeSchema>;
