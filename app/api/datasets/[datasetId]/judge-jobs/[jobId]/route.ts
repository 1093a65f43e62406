// GET /api/datasets/<id>/judge-jobs/<jobId>: one job and its newest failed items, each with the
// error and the judge's raw answer (a malformed or refused answer is kept for a person to read).
import { listJobErrors } from "@/lib/db/queries/judge-jobs";
import { getDb } from "@/lib/db/server";
import { jobView } from "@/lib/judge/background";
import { getJob } from "@/lib/judge/server";

export async function GET(_request: Request, { params }: { params: Promise<{ datasetId: string; jobId: string }> }) {
  const { datasetId, jobId } = await params;
  const db = await getDb();
  const job = /^\d{1,9}$/.test(jobId) ? await getJob(db, Number(jobId)) : null;
  if (!job || String(job.datasetId) !== datasetId) return Response.json({ error: `no judge job ${jobId} in dataset ${datasetId}` }, { status: 404 });
  const errors = await listJobErrors(db, job.id);
  return Response.json({ job: jobView(job), errors: errors.rows, errorCount: errors.total }, { headers: { "cache-control": "no-store" } });
}
