// GET /api/datasets/<id>/audit/compare?a=JUDGE_A&b=JUDGE_B[&<audit slice>]: two judges side by
// side on the same reviewed items, the compare page's numbers and `npm run audit -- --compare`'s.
import { parseAuditSlice } from "@/lib/audit/slice";
import { comparableJudgeIds, comparePairSchema, loadJudgeComparison } from "@/lib/db/queries/audit-compare";
import { datasetParams, HttpError, route } from "@/lib/http/route";

// Permission: dataset read.
export const GET = route(
  { permission: "read", params: datasetParams, query: comparePairSchema },
  async ({ params, query, url, db, dataset }) => {
    const found = await dataset(params.datasetId);
    const judgeIds = await comparableJudgeIds(db, found.id);
    for (const [key, id] of [
      ["a", query.a],
      ["b", query.b],
    ] as const) {
      if (!judgeIds.includes(id))
        throw new HttpError(
          404,
          `${key}: no verdicts from judge "${id}" on reviewed items of this dataset (judges: ${judgeIds.join(", ") || "none"})`,
          { field: key },
        );
    }
    const comparison = await loadJudgeComparison(db, found, parseAuditSlice(url.searchParams), query.a, query.b);
    return Response.json(comparison, { headers: { "cache-control": "no-store" } });
  },
);
