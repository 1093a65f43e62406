"use server";
// The invitee's side of an invite link: sets a name and password, gets an account with the
// invite's dataset role, and is signed in. Anyone holding the link may call it, once, within 7
// days; the email is the one the admin named, not one the caller sends.
import { headers } from "next/headers";
import { z } from "zod";
import { passwordSchema } from "../../auth/account-schemas";
import { getAuth } from "../../auth/auth";
import { AccountError, createAccount } from "../../auth/create-account";
import { setDatasetRole } from "../../db/queries/accounts";
import { logAdmin } from "../../db/queries/admin-log";
import { findLiveInvite, releaseInvite, takeInvite } from "../../db/queries/invites";
import { ActionError, publicAction } from "../action";

const acceptSchema = z.object({
  token: z.string().regex(/^ripe_[A-Za-z0-9_-]{43}$/, "is not an invite link"),
  name: z.string().trim().min(1, "give your name").max(80, "at most 80 characters"),
  password: passwordSchema,
});

const GONE = "This invite link was used already or has expired; ask for a new one.";

// Permission: public, holding a live invite link.
export const acceptInvite = publicAction(acceptSchema, async ({ token, name, password }, { db }) => {
  const invite = await findLiveInvite(db, token);
  if (!invite) throw new ActionError(GONE);
  if (!(await takeInvite(db, invite.id))) throw new ActionError(GONE);
  const auth = await getAuth();
  let userId: string;
  try {
    userId = (await createAccount(auth, db, { email: invite.email, password, name, role: "member" })).id;
  } catch (error) {
    await releaseInvite(db, invite.id);
    if (error instanceof AccountError) throw new ActionError(`${error.message} Sign in instead.`);
    throw error;
  }
  await setDatasetRole(db, invite.datasetId, userId, invite.role);
  await logAdmin(db, {
    actor: invite.email,
    action: "invite.accept",
    target: invite.email,
    details: { dataset: invite.datasetName, role: invite.role },
  });
  // nextCookies() sets the session cookie on this action's response.
  await auth.api.signInEmail({ body: { email: invite.email, password }, headers: await headers() });
  return { datasetId: invite.datasetId };
});
