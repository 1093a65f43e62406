// GET /api/ready: readiness: the database answers and has every migration this build ships
// applied. 503 with the reason otherwise, so a load balancer sends no traffic here yet.
import fs from "node:fs";
import path from "node:path";
import { appliedMigrationCount } from "@/lib/db/queries/datasets";
import { route } from "@/lib/http/route";

function shippedMigrations(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(process.cwd(), "drizzle", "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

// Permission: public (readiness).
export const GET = route({ permission: "public", isAnyHost: true }, async ({ db }) => {
  const headers = { "cache-control": "no-store" };
  const expected = shippedMigrations();
  const applied = await appliedMigrationCount(db).catch(() => null);
  if (applied === null) return Response.json({ ready: false, reason: "the database does not answer" }, { status: 503, headers });
  if (applied < expected)
    return Response.json({ ready: false, reason: `${applied} of ${expected} migrations applied` }, { status: 503, headers });
  return Response.json({ ready: true, database: db.kind, migrations: applied }, { headers });
});
