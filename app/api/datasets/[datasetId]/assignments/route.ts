// GET /api/datasets/<id>/assignments: every assignment with its progress per reviewer (decided /
// total, overdue) as JSON, for scripts that watch a labelling round; the assignments page's data.
import { listAssignments } from "@/lib/db/queries/assignments";
import { datasetParams, route } from "@/lib/http/route";

// Permission: dataset read.
export const GET = route({ permission: "read", params: datasetParams }, async ({ params, db, dataset }) => {
  const found = await dataset(params.datasetId);
  return Response.json({ assignments: await listAssignments(db, found.id) }, { headers: { "cache-control": "no-store" } });
});
