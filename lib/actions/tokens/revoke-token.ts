"use server";
// Revokes one of the signed-in account's own API tokens; the next request with it gets 401.
import { z } from "zod";
import { dbId } from "../../ids";
import { logAdmin } from "../../db/queries/admin-log";
import { revokeApiToken } from "../../db/queries/api-tokens";
import { action, ActionError } from "../action";

// Permission: self (any signed-in account, for its own tokens).
export const revokeTokenAction = action(
  z.object({ tokenId: dbId }),
  async ({ tokenId }, { db, account }) => {
    const revoked = await revokeApiToken(db, account.id, tokenId);
    if (!revoked) throw new ActionError("tokenId: you have no live token with this id (revoked already?).");
    await logAdmin(db, { actor: account.email, action: "token.revoke", target: account.email, details: { name: revoked.name } });
    return { tokenId };
  },
  { permission: "self" },
);
