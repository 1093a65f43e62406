"use server";
import { action, ActionError } from "../action";
import { PairError, undoPairLabel as undoLabel } from "../../db/queries/pairs";
import { undoPairLabelSchema } from "../../pairs/schemas";

// Permission: dataset review.
export const undoPairLabel = action(
  undoPairLabelSchema,
  async (input, { db, reviewer }) => {
    try {
      return await undoLabel(db, { ...input, reviewerId: reviewer.id });
    } catch (error) {
      if (error instanceof PairError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "review" },
);
