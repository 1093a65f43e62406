"use server";
// Stops a web import: a queued one at once, a running one after its current batch (what was
// committed stays; re-importing the file later skips those lines).
import { z } from "zod";
import { action, ActionError } from "../action";
import { cancelJob, getJobStatus } from "../../import/upload-jobs";

// Permission: dataset admin of the job's dataset (an unknown job: site admins only, who get "no job").
export const cancelImport = action(
  z.object({ jobId: z.string().regex(/^job-[a-z0-9]+-[0-9a-f]+$/, "is not an import job id") }),
  async ({ jobId }) => {
    const status = cancelJob(jobId);
    if (!status) throw new ActionError(`No import job ${jobId} in this server (it finished over an hour ago, or the server restarted).`);
    return { phase: status.phase, message: status.message };
  },
  { permission: "admin", dataset: ({ jobId }) => getJobStatus(jobId)?.datasetId ?? null },
);
