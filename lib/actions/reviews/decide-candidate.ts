"use server";
import { action, ActionError } from "../action";
import { AuditSampleError, sampleInclusion } from "../../db/queries/audit-samples";
import { addReview, ReviewError } from "../../db/queries/reviews";
import { decisionSchema } from "../../review/schemas";

// Permission: dataset review.
export const decideCandidate = action(
  decisionSchema,
  async (input, { db, reviewer }) => {
    try {
      // The inclusion probability weights this label in the audit's estimates: it comes from the
      // stored sample, and only for a candidate that is in it.
      const sampleProbability =
        input.sampleId === undefined ? null : await sampleInclusion(db, input.datasetId, input.sampleId, input.candidateId);
      const result = await addReview(db, { ...input, sampleProbability, reviewerId: reviewer.id, reasonTags: input.reasonTags ?? [] });
      return { ...result, reviewer: reviewer.name };
    } catch (error) {
      if (error instanceof ReviewError || error instanceof AuditSampleError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "review" },
);
