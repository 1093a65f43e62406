// GET /api/imports/<id>: an import's live status. <id> is the job id the upload returned (while
// this server remembers the job) or an import run id (the durable import_runs record).
import { getImportRun } from "@/lib/db/queries/imports";
import { getDb } from "@/lib/db/server";
import { getJobStatus, statusFromRun } from "@/lib/import/upload-jobs";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const noStore = { "cache-control": "no-store" };
  const job = getJobStatus(id);
  if (job) return Response.json(job, { headers: noStore });
  if (!/^\d{1,9}$/.test(id)) {
    return Response.json({ error: `no import ${id}: the server restarted since the upload, or the id is wrong. See the recent runs below the form.` }, { status: 404 });
  }
  const run = await getImportRun(await getDb(), Number(id));
  if (!run) return Response.json({ error: `no import run ${id}` }, { status: 404 });
  return Response.json(statusFromRun(run), { headers: noStore });
}
