// GET /api/datasets/:id/items/:candidateId: the item page's data as JSON (client navigation and
// prefetch of neighbours, so the next item is drawn without a server round trip).
import { getDb } from "@/lib/db/server";
import { getDataset } from "@/lib/db/queries/datasets";
import { getItemDetail } from "@/lib/db/queries/items";

export async function GET(_request: Request, { params }: { params: Promise<{ datasetId: string; candidateId: string }> }) {
  const { datasetId, candidateId } = await params;
  const db = await getDb();
  const dataset = await getDataset(db, Number(datasetId));
  if (!dataset) return Response.json({ error: `no dataset ${datasetId}` }, { status: 404 });
  const detail = await getItemDetail(db, dataset, Number(candidateId));
  if (!detail) return Response.json({ error: `no item ${candidateId} in dataset ${datasetId}` }, { status: 404 });
  return Response.json(detail);
}
