"use server";
import { action, ActionError } from "../action";
import { addReview, ReviewError } from "../../db/queries/reviews";
import { decisionSchema } from "../../review/schemas";

export const decideCandidate = action(decisionSchema, async (input, { db, reviewer }) => {
  try {
    const result = await addReview(db, { ...input, reviewerId: reviewer.id, reasonTags: input.reasonTags ?? [] });
    return { ...result, reviewer: reviewer.name };
  } catch (error) {
    if (error instanceof ReviewError) throw new ActionError(error.message);
    throw error;
  }
});
