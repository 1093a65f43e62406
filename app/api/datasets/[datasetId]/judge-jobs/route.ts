// GET /api/datasets/<id>/judge-jobs: the dataset's judge jobs with live progress (the judge page
// polls this while a job runs). Counters and leases come from the database, so any instance's progress shows.
import { datasetParams, route } from "@/lib/http/route";
import { jobViews } from "@/lib/judge/background";
import { listJobs } from "@/lib/judge/server";

// Permission: dataset read.
export const GET = route({ permission: "read", params: datasetParams }, async ({ params, db, dataset }) => {
  const found = await dataset(params.datasetId);
  const jobs = await listJobs(db, { datasetId: found.id, limit: 50 });
  return Response.json({ jobs: await jobViews(db, jobs) }, { headers: { "cache-control": "no-store" } });
});
