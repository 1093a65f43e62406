// GET /api/datasets/<id>/audit/preview?threshold=…&ic=…&se=…&pb=…&tq=…: how many stored verdicts a
// rubric change would flip, for the audit page's confirm dialog (nothing is written).
import { rubricChangeSchema } from "@/lib/actions/audit/audit-schemas";
import { currentRubric, previewRubric } from "@/lib/db/queries/audit-rubric";
import { getDataset } from "@/lib/db/queries/datasets";
import { getDb } from "@/lib/db/server";

export async function GET(request: Request, { params }: { params: Promise<{ datasetId: string }> }) {
  const { datasetId } = await params;
  const db = await getDb();
  const dataset = /^\d{1,9}$/.test(datasetId) ? await getDataset(db, Number(datasetId)) : undefined;
  if (!dataset) return Response.json({ error: `no dataset ${datasetId}` }, { status: 404 });
  const query = new URL(request.url).searchParams;
  const current = currentRubric(dataset);
  const value = (key: string, fallback: number) => (query.has(key) ? Number(query.get(key)) : fallback);
  const parsed = rubricChangeSchema.safeParse({
    datasetId: dataset.id,
    threshold: value("threshold", current.threshold),
    weights: {
      instruction_compliance: value("ic", current.weights.instruction_compliance),
      seamlessness: value("se", current.weights.seamlessness),
      preservation_balance: value("pb", current.weights.preservation_balance),
      technical_quality: value("tq", current.weights.technical_quality),
    },
  });
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ") }, { status: 400 });
  const preview = await previewRubric(db, dataset, parsed.data);
  return Response.json({ current, proposed: { threshold: parsed.data.threshold, weights: parsed.data.weights }, ...preview }, { headers: { "cache-control": "no-store" } });
}
