// GET /api/datasets/:id/candidates?<browse filters>&cursor=&limit=&direction=: one keyset page as JSON.
import { z } from "zod";
import { parseBrowseFilters } from "@/lib/browse/filters";
import { blindBrowsePage } from "@/lib/db/queries/blind";
import { listCandidates } from "@/lib/db/queries/browse";
import { datasetParams, route } from "@/lib/http/route";

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).catch(60),
  direction: z.enum(["forward", "backward"]).catch("forward"),
  cursor: z.string().max(1000, "cursor: at most 1000 characters").optional(),
});

// Permission: dataset read.
export const GET = route(
  { permission: "read", params: datasetParams, query: pageQuery.passthrough() },
  async ({ params, query, url, db, dataset, reviewer }) => {
    const found = await dataset(params.datasetId);
    const page = await listCandidates(db, found, parseBrowseFilters(url.searchParams), {
      cursor: query.cursor ?? null,
      limit: query.limit,
      direction: query.direction,
      searchBacklog: found.searchBacklog, // read just now: no second look-up
    });
    // No anchoring: cards of items colleagues decided and this reviewer has not show no human verdict.
    return Response.json(await blindBrowsePage(db, page, (await reviewer()).id));
  },
);
