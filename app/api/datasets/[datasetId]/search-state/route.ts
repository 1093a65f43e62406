// GET /api/datasets/ID/search-state: whether text search is served by its index yet, and how far
// the background build has come (the dataset page polls it while the build runs).
// Permission: dataset read.
import { searchState } from "@/lib/db/queries/search-index";
import { datasetParams, route } from "@/lib/http/route";

export const GET = route({ permission: "read", params: datasetParams }, async ({ db, params, dataset }) => {
  const { id } = await dataset(params.datasetId);
  return Response.json(await searchState(db, id), { headers: { "cache-control": "no-store" } });
});
