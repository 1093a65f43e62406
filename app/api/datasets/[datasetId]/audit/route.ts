// GET /api/datasets/<id>/audit[?type=…&group=…&judge_id=…&reviewer=…&from=…&to=…&sample=…]: the
// judge audit report as JSON, built by the same loader as the audit page and `npm run audit`.
import { parseAuditSlice } from "@/lib/audit/slice";
import { loadAuditReport } from "@/lib/db/queries/audit";
import { getDataset } from "@/lib/db/queries/datasets";
import { getDb } from "@/lib/db/server";

export async function GET(request: Request, { params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const db = await getDb();
  const dataset = /^\d{1,9}$/.test(datasetId) ? await getDataset(db, Number(datasetId)) : undefined;
  if (!dataset) return Response.json({ error: `no dataset ${datasetId}` }, { status: 404 });
  const report = await loadAuditReport(db, dataset, parseAuditSlice(new URL(request.url).searchParams));
  return Response.json(report, { headers: { "cache-control": "no-store" } });
}
