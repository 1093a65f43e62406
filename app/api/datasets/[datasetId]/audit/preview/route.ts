// GET /api/datasets/<id>/audit/preview?threshold=…&ic=…&se=…&pb=…&tq=…: how many stored verdicts a
// rubric change would flip, for the audit page's confirm dialog (nothing is written).
import { rubricChangeSchema } from "@/lib/actions/audit/audit-schemas";
import { currentRubric, previewRubric } from "@/lib/db/queries/audit-rubric";
import { datasetParams, HttpError, route } from "@/lib/http/route";

// Permission: dataset read.
export const GET = route({ permission: "read", params: datasetParams }, async ({ params, url, db, dataset }) => {
  const found = await dataset(params.datasetId);
  const query = url.searchParams;
  const current = currentRubric(found);
  const value = (key: string, fallback: number) => (query.has(key) ? Number(query.get(key)) : fallback);
  const parsed = rubricChangeSchema.safeParse({
    datasetId: found.id,
    threshold: value("threshold", current.threshold),
    weights: {
      instruction_compliance: value("ic", current.weights.instruction_compliance),
      seamlessness: value("se", current.weights.seamlessness),
      preservation_balance: value("pb", current.weights.preservation_balance),
      technical_quality: value("tq", current.weights.technical_quality),
    },
  });
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  const preview = await previewRubric(db, found, parsed.data);
  return Response.json(
    { current, proposed: { threshold: parsed.data.threshold, weights: parsed.data.weights }, ...preview },
    { headers: { "cache-control": "no-store" } },
  );
});
