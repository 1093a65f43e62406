// GET /api/datasets/<id>/members: who has which role on the dataset. PUT with a JSON body
// {email, role: owner|reviewer|viewer|null}: gives an existing account a role (null removes it);
// 409 for an owner lowering their own role or demoting the dataset's last active owner.
import { z } from "zod";
import { emailSchema } from "@/lib/auth/account-schemas";
import { DATASET_ROLES } from "@/lib/auth/roles";
import { findUserByEmail, listDatasetMembers, LockOutError, setDatasetRole } from "@/lib/db/queries/accounts";
import { logAdmin } from "@/lib/db/queries/admin-log";
import { datasetParams, HttpError, route } from "@/lib/http/route";

const memberChange = z.object({ email: emailSchema, role: z.enum(DATASET_ROLES).nullable() });

// Permission: dataset read.
export const GET = route({ permission: "read", params: datasetParams }, async ({ params, db, dataset }) => {
  const found = await dataset(params.datasetId);
  return Response.json(await listDatasetMembers(db, found.id), { headers: { "cache-control": "no-store" } });
});

// Permission: dataset admin.
export const PUT = route(
  { permission: "admin", params: datasetParams, hasBody: true },
  async ({ request, params, db, dataset, account }) => {
    const found = await dataset(params.datasetId);
    const change = memberChange.parse(await request.json().catch(() => null));
    const user = await findUserByEmail(db, change.email);
    if (!user) throw new HttpError(404, `No account for ${change.email}; a site admin creates it first.`, { field: "email" });
    try {
      await setDatasetRole(db, found.id, user.id, change.role, account);
    } catch (error) {
      if (error instanceof LockOutError) throw new HttpError(409, error.message, { field: "role" });
      throw error;
    }
    await logAdmin(db, {
      actor: account!.email,
      action: "member.role",
      target: user.email,
      details: { dataset: found.name, role: change.role },
    });
    return Response.json({ email: user.email, role: change.role });
  },
);
