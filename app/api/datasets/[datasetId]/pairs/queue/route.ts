// GET /api/datasets/:id/pairs/queue?queue=…&exclude=…: the next batch of pairs for the current
// reviewer (the labelling screen fetches ahead while the reviewer works through the last batch).
import { nextPairBatch } from "@/lib/db/queries/pairs-queue";
import { datasetParams, route } from "@/lib/http/route";
import { queueBatchSchema } from "@/lib/pairs/queue";

// Permission: dataset review (the caller's own labelling queue).
export const GET = route(
  { permission: "review", params: datasetParams, query: queueBatchSchema },
  async ({ params, query, db, dataset, reviewer }) => {
    const batch = await nextPairBatch(db, await dataset(params.datasetId), (await reviewer()).id, query);
    return Response.json(batch, { headers: { "Cache-Control": "no-store" } });
  },
);
