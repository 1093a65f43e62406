"use server";
// "Apply" on the audit page: stores the new threshold/weights and re-derives every verdict of the
// dataset, as a leased background job (lib/jobs/rubric-job.ts) that any instance may finish; this
// action waits for it. The result says what flipped and what the previous values were, so a
// change can be undone by applying those again.
import { action, ActionError } from "../action";
import { applyRubricAsJob, RubricJobError } from "../../jobs/rubric-job";
import { rubricChangeSchema } from "./audit-schemas";

// Permission: dataset admin (changes every verdict).
export const applyRubric = action(
  rubricChangeSchema,
  async ({ datasetId, threshold, weights }, { db }) => {
    try {
      return await applyRubricAsJob(db, datasetId, { threshold, weights });
    } catch (error) {
      if (error instanceof RubricJobError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "admin" },
);
