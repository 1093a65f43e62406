"use server";
import { action, ActionError } from "../action";
import { unmarkGold } from "../../db/queries/gold";
import { unmarkGoldSchema } from "../../team/schemas";

// Permission: dataset admin.
export const unmarkGoldAction = action(
  unmarkGoldSchema,
  async (input, { db }) => {
    if (!(await unmarkGold(db, input.datasetId, input.candidateId)))
      throw new ActionError(`Item ${input.candidateId} is not a gold item of this dataset.`);
    return { candidateId: input.candidateId };
  },
  { permission: "admin" },
);
