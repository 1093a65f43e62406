"use server";
// Creates an API token for the signed-in account (settings page), living the days chosen (90 unless
// said, a year at most). The secret is in this answer only: the table keeps its sha256.
import { z } from "zod";
import { TOKEN_DAYS_DEFAULT, tokenDaysSchema } from "../../auth/token-expiry";
import { logAdmin } from "../../db/queries/admin-log";
import { createApiToken, MAX_TOKEN_NAME } from "../../db/queries/api-tokens";
import { action } from "../action";

const createTokenSchema = z.object({
  name: z.string().trim().min(1, "give the token a name").max(MAX_TOKEN_NAME, `at most ${MAX_TOKEN_NAME} characters`),
  isReadOnly: z.boolean(),
  days: tokenDaysSchema.default(TOKEN_DAYS_DEFAULT),
});

// Permission: self (any signed-in account, for its own tokens).
export const createTokenAction = action(
  createTokenSchema,
  async ({ name, isReadOnly, days }, { db, account }) => {
    const created = await createApiToken(db, account.id, { name, isReadOnly, days });
    const expires = created.expiresAt.toISOString();
    await logAdmin(db, {
      actor: account.email,
      action: "token.create",
      target: account.email,
      details: { name, readOnly: isReadOnly, expires },
    });
    return { id: created.id, token: created.token, expires };
  },
  { permission: "self" },
);
