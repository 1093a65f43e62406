// GET /api/imports/<id>: an import's live status. <id> is the job id the upload returned (while
// this server remembers the job) or an import run id (the durable import_runs record).
import { z } from "zod";
import { getImportRun } from "@/lib/db/queries/imports";
import { notFound, route } from "@/lib/http/route";
import { idText } from "@/lib/ids";
import { getJobStatus, statusFromRun } from "@/lib/import/upload-jobs";

const importRef = z.object({ id: z.string().max(100, "at most 100 characters") });

export const GET = route({ params: importRef }, async ({ params, db }) => {
  const noStore = { "cache-control": "no-store" };
  const job = getJobStatus(params.id);
  if (job) return Response.json(job, { headers: noStore });
  const runId = idText.safeParse(params.id);
  if (!runId.success)
    throw notFound(
      `No import ${params.id}: the server restarted since the upload, or the id is wrong. See the recent runs below the form.`,
    );
  const run = await getImportRun(db, runId.data);
  if (!run) throw notFound(`No import run ${params.id}.`);
  return Response.json(statusFromRun(run), { headers: noStore });
});
