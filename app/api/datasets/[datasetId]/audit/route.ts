// GET /api/datasets/<id>/audit[?type=…&group=…&judge_id=…&reviewer=…&from=…&to=…&sample=…]: the
// judge audit report as JSON, built by the same loader as the audit page and `npm run audit`.
import { parseAuditSlice } from "@/lib/audit/slice";
import { loadAuditReport } from "@/lib/db/queries/audit";
import { datasetParams, route } from "@/lib/http/route";

// Permission: dataset read.
export const GET = route({ permission: "read", params: datasetParams }, async ({ params, url, db, dataset }) => {
  const report = await loadAuditReport(db, await dataset(params.datasetId), parseAuditSlice(url.searchParams));
  return Response.json(report, { headers: { "cache-control": "no-store" } });
});
