"use server";
import { action, ActionError } from "../action";
import { ReviewError, undoReview } from "../../db/queries/reviews";
import { undoSchema } from "../../review/schemas";

// Permission: dataset review.
export const undoDecision = action(
  undoSchema,
  async (input, { db, reviewer }) => {
    try {
      return await undoReview(db, { ...input, reviewerId: reviewer.id });
    } catch (error) {
      if (error instanceof ReviewError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "review" },
);
