"use server";
import { action, ActionError } from "../action";
import { createPair as create, PairError } from "../../db/queries/pairs";
import { createPairSchema } from "../../pairs/schemas";

/** A manual pair from the item page: two candidates of the same request. */
// Permission: dataset review.
export const createPair = action(
  createPairSchema,
  async (input, { db }) => {
    try {
      return await create(db, { ...input, origin: "manual" });
    } catch (error) {
      if (error instanceof PairError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "review" },
);
