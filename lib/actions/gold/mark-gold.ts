"use server";
import { action, ActionError } from "../action";
import { GoldError, markGold } from "../../db/queries/gold";
import { markGoldSchema } from "../../team/schemas";

// Permission: dataset admin.
export const markGoldAction = action(
  markGoldSchema,
  async (input, { db, reviewer }) => {
    try {
      return { marked: await markGold(db, { ...input, candidateIds: [...new Set(input.candidateIds)], markedBy: reviewer.id }) };
    } catch (error) {
      if (error instanceof GoldError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "admin" },
);
