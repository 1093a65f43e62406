// GET /api/datasets/<id>/agreement: reviewer agreement on verdicts and on preference pairs as
// JSON, built by the same loader as the agreement page and `npm run agreement`.
import { loadAgreement } from "@/lib/db/queries/agreement";
import { datasetParams, route } from "@/lib/http/route";

// Permission: dataset read.
export const GET = route({ permission: "read", params: datasetParams }, async ({ params, db, dataset }) => {
  const agreement = await loadAgreement(db, await dataset(params.datasetId));
  return Response.json(agreement.json, { headers: { "cache-control": "no-store" } });
});
