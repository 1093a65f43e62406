"use server";
import { revalidatePath } from "next/cache";
import { action, ActionError } from "../action";
import { getDataset } from "../../db/queries/datasets";
import { minePairs as mine } from "../../db/queries/pairs-mine";
import { minePairsSchema } from "../../pairs/schemas";

// Permission: dataset admin (creates pairs in bulk).
export const minePairs = action(
  minePairsSchema,
  async ({ datasetId, ...options }, { db }) => {
    const dataset = await getDataset(db, datasetId);
    if (!dataset) throw new ActionError(`Dataset ${datasetId} does not exist; reload the page.`);
    const result = await mine(db, dataset, options);
    revalidatePath(`/datasets/${datasetId}/pairs`);
    return result;
  },
  { permission: "admin" },
);
