"use server";
import { action, ActionError } from "../action";
import { getDataset } from "../../db/queries/datasets";
import { setGoldRate } from "../../db/queries/gold";
import { goldRateSchema } from "../../team/schemas";

// Permission: dataset admin.
export const setGoldRateAction = action(
  goldRateSchema,
  async (input, { db }) => {
    if (!(await getDataset(db, input.datasetId))) throw new ActionError(`Dataset ${input.datasetId} does not exist.`);
    await setGoldRate(db, input.datasetId, input.rate);
    return { rate: input.rate };
  },
  { permission: "admin" },
);
