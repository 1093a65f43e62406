"use server";
import { action, ActionError } from "../action";
import { AssignmentError, createAssignment } from "../../db/queries/assignments";
import { AllocationError } from "../../team/allocate";
import { createAssignmentSchema } from "../../team/schemas";

// Permission: dataset admin.
export const createAssignmentAction = action(
  createAssignmentSchema,
  async (input, { db, reviewer }) => {
    try {
      return await createAssignment(db, {
        datasetId: input.datasetId,
        title: input.title,
        source: input.source.kind,
        filter: input.source.kind === "filter" ? input.source.search : undefined,
        sampleId: input.source.kind === "sample" ? input.source.sampleId : undefined,
        reviewerIds: input.reviewerIds,
        overlap: input.overlap,
        seed: input.seed,
        // Due at the end of the chosen day (UTC): "due 2026-12-05" means the work may be done that day.
        dueAt: input.dueDate ? new Date(`${input.dueDate}T23:59:59.999Z`) : null,
        createdBy: reviewer.id,
      });
    } catch (error) {
      if (error instanceof AssignmentError || error instanceof AllocationError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "admin" },
);
