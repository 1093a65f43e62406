"use server";
// Creates a one-time invite link for an email with a role on the dataset; the admin copies it
// from the page (Ripe sends no mail). The secret is in this answer only.
import { z } from "zod";
import { emailSchema } from "../../auth/account-schemas";
import { DATASET_ROLES } from "../../auth/roles";
import { findUserByEmail } from "../../db/queries/accounts";
import { logAdmin } from "../../db/queries/admin-log";
import { getDataset } from "../../db/queries/datasets";
import { createInvite } from "../../db/queries/invites";
import { dbId } from "../../ids";
import { action, ActionError } from "../action";

// Permission: dataset admin.
export const createInviteAction = action(
  z.object({ datasetId: dbId, email: emailSchema, role: z.enum(DATASET_ROLES) }),
  async ({ datasetId, email, role }, { db, account }) => {
    const dataset = await getDataset(db, datasetId);
    if (!dataset) throw new ActionError(`datasetId: no dataset ${datasetId}.`);
    if (await findUserByEmail(db, email)) throw new ActionError(`email: ${email} has an account already; give it a role below instead.`);
    const invite = await createInvite(db, { email, datasetId, role, createdBy: account.id });
    await logAdmin(db, { actor: account.email, action: "invite.create", target: email, details: { dataset: dataset.name, role } });
    return { path: `/invite/${invite.token}`, expiresAt: invite.expiresAt.toISOString() };
  },
  { permission: "admin" },
);
