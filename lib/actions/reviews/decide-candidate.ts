"use server";
import { action, ActionError } from "../action";
import { assignedSampleOf } from "../../db/queries/assignments";
import { AuditSampleError, sampleInclusion } from "../../db/queries/audit-samples";
import { addReview, ReviewError } from "../../db/queries/reviews";
import { decisionSchema } from "../../review/schemas";

// Permission: dataset review.
export const decideCandidate = action(
  decisionSchema,
  async (input, { db, reviewer }) => {
    try {
      // The inclusion probability weights this label in the audit's estimates: it comes from the
      // stored sample, and only for a candidate that is in it. An item assigned from an audit
      // sample records it too, whichever walk it was decided in (the assigned walk does not say
      // which items are from a sample, so gold items mixed into it are not told apart).
      const sampleId = input.sampleId ?? (await assignedSampleOf(db, input.datasetId, reviewer.id, input.candidateId)) ?? undefined;
      const sampleProbability = sampleId === undefined ? null : await sampleInclusion(db, input.datasetId, sampleId, input.candidateId);
      const result = await addReview(db, {
        ...input,
        sampleId,
        sampleProbability,
        reviewerId: reviewer.id,
        reasonTags: input.reasonTags ?? [],
      });
      return { ...result, reviewer: reviewer.name };
    } catch (error) {
      if (error instanceof ReviewError || error instanceof AuditSampleError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "review" },
);
