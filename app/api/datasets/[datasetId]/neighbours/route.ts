// GET /api/datasets/:id/neighbours?item=ID&<browse filters>&n=20: the items before and after one
// item in the current filter and sort (keyset from the item's own position), for j/k and prefetch.
import { z } from "zod";
import { parseBrowseFilters } from "@/lib/browse/filters";
import { cursorAt, listCandidates } from "@/lib/db/queries/browse";
import { datasetParams, idSchema, notFound, route } from "@/lib/http/route";

const neighboursQuery = z.object({ item: idSchema, n: z.coerce.number().int().min(1).max(100).catch(20) }).passthrough();

// Permission: dataset read.
export const GET = route(
  { permission: "read", params: datasetParams, query: neighboursQuery },
  async ({ params, query, url, db, dataset }) => {
    const found = await dataset(params.datasetId);
    const filters = parseBrowseFilters(url.searchParams);
    const cursor = await cursorAt(db, found, query.item, filters.sort ?? "newest");
    if (!cursor) throw notFound(`No item ${query.item} in dataset ${found.id}.`);
    const [after, before] = await Promise.all([
      listCandidates(db, found, filters, { cursor, limit: query.n, direction: "forward", searchBacklog: found.searchBacklog }),
      listCandidates(db, found, filters, { cursor, limit: query.n, direction: "backward", searchBacklog: found.searchBacklog }),
    ]);
    return Response.json({ after: after.items.map((entry) => entry.id), before: before.items.map((entry) => entry.id) });
  },
);
