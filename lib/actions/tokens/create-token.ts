"use server";
// Creates an API token for the signed-in account (settings page). The secret is in this answer
// only: the table keeps its sha256, so it can't be shown again.
import { z } from "zod";
import { logAdmin } from "../../db/queries/admin-log";
import { createApiToken, MAX_TOKEN_NAME } from "../../db/queries/api-tokens";
import { action } from "../action";

const createTokenSchema = z.object({
  name: z.string().trim().min(1, "give the token a name").max(MAX_TOKEN_NAME, `at most ${MAX_TOKEN_NAME} characters`),
  isReadOnly: z.boolean(),
});

// Permission: self (any signed-in account, for its own tokens).
export const createTokenAction = action(
  createTokenSchema,
  async ({ name, isReadOnly }, { db, account }) => {
    const created = await createApiToken(db, account.id, { name, isReadOnly });
    await logAdmin(db, { actor: account.email, action: "token.create", target: account.email, details: { name, readOnly: isReadOnly } });
    return created;
  },
  { permission: "self" },
);
