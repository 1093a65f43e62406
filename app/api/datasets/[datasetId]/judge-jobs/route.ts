// GET /api/datasets/<id>/judge-jobs: the dataset's judge jobs with live progress (the judge page
// polls this while a job runs). Counters come from the database, so any process's progress shows.
import { getDataset } from "@/lib/db/queries/datasets";
import { getDb } from "@/lib/db/server";
import { jobView } from "@/lib/judge/background";
import { listJobs } from "@/lib/judge/server";

export async function GET(_request: Request, { params }: { params: Promise<{ datasetId: string }> }) {
  const id = Number((await params).datasetId);
  const db = await getDb();
  if (!Number.isInteger(id) || !(await getDataset(db, id))) return Response.json({ error: `no dataset ${(await params).datasetId}` }, { status: 404 });
  const jobs = await listJobs(db, { datasetId: id, limit: 50 });
  return Response.json({ jobs: jobs.map(jobView) }, { headers: { "cache-control": "no-store" } });
}
