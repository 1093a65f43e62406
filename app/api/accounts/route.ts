// GET /api/accounts: every account (email, name, site role, disabled). POST /api/accounts with a
// JSON body {email, password, name?, role?}: creates an account with a password (what
// `npm run user -- add` does, for a running server). Answers 201 with the account's id and email.
import { newAccountSchema } from "@/lib/auth/account-schemas";
import { getAuth } from "@/lib/auth/auth";
import { AccountError, createAccount } from "@/lib/auth/create-account";
import { listUsers } from "@/lib/db/queries/accounts";
import { logAdmin } from "@/lib/db/queries/admin-log";
import { HttpError, route } from "@/lib/http/route";

// Permission: site admin.
export const GET = route({ permission: "site-admin" }, async ({ db }) => {
  const users = await listUsers(db);
  return Response.json(
    users.map(({ id, email, name, role, disabled, createdAt }) => ({ id, email, name, role, disabled, created_at: createdAt })),
    { headers: { "cache-control": "no-store" } },
  );
});

// Permission: site admin.
export const POST = route({ permission: "site-admin", hasBody: true }, async ({ request, db, account }) => {
  const input = newAccountSchema.parse(await request.json().catch(() => null));
  try {
    const created = await createAccount(await getAuth(), db, input);
    await logAdmin(db, { actor: account!.email, action: "account.create", target: created.email, details: { role: input.role } });
    return Response.json(created, { status: 201 });
  } catch (error) {
    if (error instanceof AccountError) throw new HttpError(409, error.message, { field: "email" });
    throw error;
  }
});
