"use server";
// "Apply" on the audit page: stores the new threshold/weights and re-derives every verdict of the
// dataset (refreshDataset). Explicit and confirmed in the UI; the result says what flipped and
// what the previous values were, so a change can be undone by applying those again.
import { action, ActionError } from "../action";
import { applyRubric as applyRubricChange } from "../../db/queries/audit-rubric";
import { getDataset } from "../../db/queries/datasets";
import { rubricChangeSchema } from "./audit-schemas";

// Permission: dataset admin (changes every verdict).
export const applyRubric = action(
  rubricChangeSchema,
  async ({ datasetId, threshold, weights }, { db }) => {
    const dataset = await getDataset(db, datasetId);
    if (!dataset) throw new ActionError(`Dataset ${datasetId} does not exist.`);
    return applyRubricChange(db, dataset, { threshold, weights });
  },
  { permission: "admin" },
);
