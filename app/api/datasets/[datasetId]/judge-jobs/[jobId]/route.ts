// GET /api/datasets/<id>/judge-jobs/<jobId>: one job and its newest failed items, each with the
// error and the judge's raw answer (a malformed or refused answer is kept for a person to read).
import { z } from "zod";
import { listJobErrors } from "@/lib/db/queries/judge-jobs";
import { idSchema, notFound, route } from "@/lib/http/route";
import { jobViews } from "@/lib/judge/background";
import { getJob } from "@/lib/judge/server";

// Permission: dataset read.
export const GET = route({ permission: "read", params: z.object({ datasetId: idSchema, jobId: idSchema }) }, async ({ params, db }) => {
  const job = await getJob(db, params.jobId);
  if (!job || job.datasetId !== params.datasetId) throw notFound(`No judge job ${params.jobId} in dataset ${params.datasetId}.`);
  const errors = await listJobErrors(db, job.id);
  const [view] = await jobViews(db, [job]);
  return Response.json({ job: view, errors: errors.rows, errorCount: errors.total }, { headers: { "cache-control": "no-store" } });
});
