"use server";
import { z } from "zod";
import { dbId } from "../../ids";
import { action, ActionError } from "../action";
import { AuditSampleError, createAuditSample } from "../../db/queries/audit-samples";
import { getDataset } from "../../db/queries/datasets";

const schema = z.object({
  datasetId: dbId,
  method: z.enum(["stratified", "uniform", "threshold"]),
  size: z.number().int().min(1, "draw at least 1 item").max(5000, "at most 5000 items per sample"),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
});

// Permission: dataset review.
export const createSample = action(
  schema,
  async (input, { db }) => {
    const dataset = await getDataset(db, input.datasetId);
    if (!dataset) throw new ActionError(`Dataset ${input.datasetId} does not exist.`);
    try {
      const sample = await createAuditSample(db, dataset.id, { method: input.method, size: input.size, seed: input.seed });
      return { id: sample.id };
    } catch (error) {
      if (error instanceof AuditSampleError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "review" },
);
