// GET /api/datasets/:id/candidates?<browse filters>&cursor=&limit=: one keyset page as JSON.
import { parseBrowseFilters } from "@/lib/browse/filters";
import { getDb } from "@/lib/db/server";
import { getDataset } from "@/lib/db/queries/datasets";
import { listCandidates } from "@/lib/db/queries/browse";

export async function GET(request: Request, { params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const id = Number(datasetId);
  if (!Number.isInteger(id) || id <= 0) return Response.json({ error: "dataset id must be a positive integer" }, { status: 400 });
  const db = await getDb();
  const dataset = await getDataset(db, id);
  if (!dataset) return Response.json({ error: `no dataset ${id}` }, { status: 404 });
  const url = new URL(request.url);
  const limit = Number(url.searchParams.get("limit") ?? 60);
  const direction = url.searchParams.get("direction") === "backward" ? "backward" : "forward";
  const page = await listCandidates(db, dataset, parseBrowseFilters(url.searchParams), { cursor: url.searchParams.get("cursor"), limit: Number.isFinite(limit) ? limit : 60, direction });
  return Response.json(page);
}
