"use server";
import { action, ActionError } from "../action";
import { addPairLabel, PairError } from "../../db/queries/pairs";
import { labelPairSchema } from "../../pairs/schemas";

// Permission: dataset review.
export const labelPair = action(
  labelPairSchema,
  async (input, { db, reviewer }) => {
    try {
      const result = await addPairLabel(db, { ...input, reviewerId: reviewer.id });
      return { ...result, reviewer: reviewer.name };
    } catch (error) {
      if (error instanceof PairError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "review" },
);
