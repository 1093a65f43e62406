// GET /api/datasets/:id/neighbours?item=ID&<browse filters>&n=20: the items before and after one
// item in the current filter and sort (keyset from the item's own position), for j/k and prefetch.
import { parseBrowseFilters } from "@/lib/browse/filters";
import { getDb } from "@/lib/db/server";
import { getDataset } from "@/lib/db/queries/datasets";
import { cursorAt, listCandidates } from "@/lib/db/queries/browse";

export async function GET(request: Request, { params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const url = new URL(request.url);
  const item = Number(url.searchParams.get("item"));
  const count = Math.min(Math.max(Number(url.searchParams.get("n") ?? 20) || 20, 1), 100);
  if (!Number.isInteger(item) || item <= 0) return Response.json({ error: "item must be a candidate id" }, { status: 400 });
  const db = await getDb();
  const dataset = await getDataset(db, Number(datasetId));
  if (!dataset) return Response.json({ error: `no dataset ${datasetId}` }, { status: 404 });
  const filters = parseBrowseFilters(url.searchParams);
  const cursor = await cursorAt(db, dataset, item, filters.sort ?? "newest");
  if (!cursor) return Response.json({ error: `no item ${item}` }, { status: 404 });
  const [after, before] = await Promise.all([
    listCandidates(db, dataset, filters, { cursor, limit: count, direction: "forward" }),
    listCandidates(db, dataset, filters, { cursor, limit: count, direction: "backward" }),
  ]);
  return Response.json({ after: after.items.map((entry) => entry.id), before: before.items.map((entry) => entry.id) });
}
