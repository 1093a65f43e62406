// GET /api/imports/<id>: an import's live status. <id> is the job id the upload returned ("job-N",
// read from the database, so any instance answers) or an import run id (the durable import_runs record).
import { z } from "zod";
import type { DbHandle } from "@/lib/db/client";
import { getImportRun } from "@/lib/db/queries/imports";
import { notFound, route } from "@/lib/http/route";
import { idText } from "@/lib/ids";
import { getJobStatus, statusFromRun } from "@/lib/import/upload-jobs";

const importRef = z.object({ id: z.string().max(100, "at most 100 characters") });

/** The dataset an import id belongs to (an import job, or a durable run); unknown: null. */
async function importDataset({ params, db }: { params: z.output<typeof importRef>; db: DbHandle }) {
  const job = await getJobStatus(db, params.id);
  if (job) return job.datasetId;
  const runId = idText.safeParse(params.id);
  return runId.success ? ((await getImportRun(db, runId.data))?.datasetId ?? null) : null;
}

// Permission: dataset admin of the import's dataset (an unknown id: site admins, who get the 404).
export const GET = route({ permission: "admin", params: importRef, dataset: importDataset }, async ({ params, db }) => {
  const noStore = { "cache-control": "no-store" };
  const job = await getJobStatus(db, params.id);
  if (job) return Response.json(job, { headers: noStore });
  const runId = idText.safeParse(params.id);
  if (!runId.success)
    throw notFound(
      `No import ${params.id}: the server restarted since the upload, or the id is wrong. See the recent runs below the form.`,
    );
  const run = await getImportRun(db, runId.data);
  if (!run) throw notFound(`No import run ${params.id}.`);
  return Response.json(await statusFromRun(db, run), { headers: noStore });
});
