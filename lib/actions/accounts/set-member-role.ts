"use server";
// Changes an account's role on a dataset (or removes it) from the dataset's Members panel. Refused
// (setDatasetRole): an owner lowering their own role, and demoting the dataset's last active owner.
import { z } from "zod";
import { emailSchema } from "../../auth/account-schemas";
import { DATASET_ROLES } from "../../auth/roles";
import { findUserByEmail, LockOutError, setDatasetRole } from "../../db/queries/accounts";
import { logAdmin } from "../../db/queries/admin-log";
import { getDataset } from "../../db/queries/datasets";
import { dbId } from "../../ids";
import { action, ActionError } from "../action";

// Permission: dataset admin.
export const setMemberRoleAction = action(
  z.object({ datasetId: dbId, email: emailSchema, role: z.enum(DATASET_ROLES).nullable() }),
  async ({ datasetId, email, role }, { db, account }) => {
    const dataset = await getDataset(db, datasetId);
    if (!dataset) throw new ActionError(`datasetId: no dataset ${datasetId}.`);
    const user = await findUserByEmail(db, email);
    if (!user) throw new ActionError(`email: no account for ${email}; invite them instead.`);
    try {
      await setDatasetRole(db, datasetId, user.id, role, account);
    } catch (error) {
      if (error instanceof LockOutError) throw new ActionError(error.message);
      throw error;
    }
    await logAdmin(db, { actor: account.email, action: "member.role", target: user.email, details: { dataset: dataset.name, role } });
    return { email: user.email, role };
  },
  { permission: "admin" },
);
