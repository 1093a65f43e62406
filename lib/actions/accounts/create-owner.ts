"use server";
// The first-start screen's action: creates the owner account and signs it in. Anyone may call it,
// but only while the site has no account at all; after that it refuses.
import { headers } from "next/headers";
import { newAccountSchema } from "../../auth/account-schemas";
import { getAuth } from "../../auth/auth";
import { AccountError, createFirstOwner } from "../../auth/create-account";
import { logAdmin } from "../../db/queries/admin-log";
import { ActionError, publicAction } from "../action";

const ownerSchema = newAccountSchema.omit({ role: true });

// Permission: public, and only while no account exists.
export const createOwner = publicAction(ownerSchema, async (input, { db }) => {
  const auth = await getAuth();
  try {
    await createFirstOwner(auth, db, input);
    await logAdmin(db, { actor: input.email, action: "account.create", target: input.email, details: { role: "owner", firstStart: true } });
  } catch (error) {
    if (error instanceof AccountError) throw new ActionError(error.message);
    throw error;
  }
  // nextCookies() sets the session cookie on this action's response.
  await auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers: await headers() });
  return { email: input.email };
});
