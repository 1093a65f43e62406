"use server";
import { action, ActionError } from "../action";
import { adjudicate, AdjudicationError } from "../../db/queries/adjudication";
import { adjudicateSchema } from "../../team/schemas";

// Permission: dataset admin.
export const adjudicateItem = action(
  adjudicateSchema,
  async (input, { db, reviewer }) => {
    try {
      return await adjudicate(db, { ...input, adjudicatorId: reviewer.id });
    } catch (error) {
      if (error instanceof AdjudicationError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "admin" },
);
