"use server";
// Disables (ending its sessions and making its API tokens useless) or re-enables an account, from
// the site's accounts page. An admin can't disable themself, nor the last active site admin be
// disabled (setUserDisabled): someone must be left to undo it.
import { z } from "zod";
import { emailSchema } from "../../auth/account-schemas";
import { findUserByEmail, LockOutError, setUserDisabled } from "../../db/queries/accounts";
import { logAdmin } from "../../db/queries/admin-log";
import { action, ActionError } from "../action";

// Permission: site admin.
export const setAccountDisabledAction = action(
  z.object({ email: emailSchema, isDisabled: z.boolean() }),
  async ({ email, isDisabled }, { db, account }) => {
    const user = await findUserByEmail(db, email);
    if (!user) throw new ActionError(`email: no account for ${email}.`);
    if (user.id === account.id && isDisabled) throw new ActionError("You can't disable your own account.");
    try {
      await setUserDisabled(db, user.id, isDisabled);
    } catch (error) {
      if (error instanceof LockOutError) throw new ActionError(error.message);
      throw error;
    }
    await logAdmin(db, { actor: account.email, action: isDisabled ? "account.disable" : "account.enable", target: user.email });
    return { email: user.email, isDisabled };
  },
  { permission: "site-admin" },
);
