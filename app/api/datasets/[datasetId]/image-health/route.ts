// GET /api/datasets/ID/image-health[?fresh=1]: how many of a bounded sample of the dataset's
// images can't be loaded, and why (lib/browse/image-health). The browse page asks after render.
import { z } from "zod";
import { datasetImageHealth } from "@/lib/browse/image-health";
import { datasetParams, route } from "@/lib/http/route";

const healthQuery = z.object({ fresh: z.enum(["0", "1"]).optional() });

// Permission: dataset read.
export const GET = route({ permission: "read", params: datasetParams, query: healthQuery }, async ({ db, params, query, dataset }) => {
  const health = await datasetImageHealth(db, await dataset(params.datasetId), { isFresh: query.fresh === "1" });
  return Response.json(health, { headers: { "cache-control": "no-store" } });
});
