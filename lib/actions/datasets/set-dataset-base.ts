"use server";
// Sets a dataset's image base from its settings page. The base must be a folder under the
// operator's image roots or a URL under an allowed prefix (lib/images/sources): the request
// proposes, the server's allowlist decides. (Admin-only once accounts exist: the teams issue.)
import { z } from "zod";
import { dbId } from "../../ids";
import { setDatasetBase } from "../../db/queries/datasets";
import { checkBase } from "../../images/sources";
import { action, ActionError } from "../action";

const datasetBaseSchema = z.object({
  datasetId: dbId,
  /** Empty: clear the base. */
  base: z.string().trim().max(2048, "at most 2048 characters"),
});

// Permission: dataset admin.
export const setDatasetBaseAction = action(
  datasetBaseSchema,
  async ({ datasetId, base }, { db }) => {
    let stored: string | null = null;
    if (base) {
      const checked = checkBase(base);
      if (!checked.ok) throw new ActionError(checked.error);
      stored = checked.base;
    }
    const updated = await setDatasetBase(db, datasetId, stored);
    if (!updated) throw new ActionError(`datasetId: no dataset ${datasetId}.`);
    return { base: updated.base };
  },
  { permission: "admin" },
);
