// GET /api/datasets/:id/items/:candidateId: the item page's data as JSON (client navigation and
// prefetch of neighbours, so the next item is drawn without a server round trip).
import { z } from "zod";
import { getItemDetail } from "@/lib/db/queries/items";
import { idSchema, notFound, route } from "@/lib/http/route";

// Permission: dataset read.
export const GET = route(
  { permission: "read", params: z.object({ datasetId: idSchema, candidateId: idSchema }) },
  async ({ params, db, dataset, reviewer }) => {
    // No anchoring: the item as this reviewer may see it (colleagues' verdicts only once they decided it).
    const detail = await getItemDetail(db, await dataset(params.datasetId), params.candidateId, (await reviewer()).id);
    if (!detail) throw notFound(`No item ${params.candidateId} in dataset ${params.datasetId}.`);
    return Response.json(detail);
  },
);
