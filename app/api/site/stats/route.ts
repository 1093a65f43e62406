// GET /api/site/stats: row counts of the main tables, for a site admin.
import { siteRowCounts } from "@/lib/db/queries/site-stats";
import { route } from "@/lib/http/route";

// Permission: site admin.
export const GET = route({ permission: "site-admin" }, async ({ db }) =>
  Response.json({ rows: await siteRowCounts(db) }, { headers: { "cache-control": "no-store" } }),
);
