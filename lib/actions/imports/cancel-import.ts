"use server";
// Stops a web import: a queued one at once, a running one after its current batch, on whichever
// instance runs it (it sees the request at its next heartbeat). What was committed stays;
// re-importing the file later skips those lines.
import { z } from "zod";
import { action, ActionError } from "../action";
import { cancelJob, getJobStatus } from "../../import/upload-jobs";

// Permission: dataset admin of the job's dataset (an unknown job: site admins only, who get "no job").
export const cancelImport = action(
  z.object({ jobId: z.string().regex(/^job-\d{1,9}$/, "is not an import job id") }),
  async ({ jobId }, { db }) => {
    const status = await cancelJob(db, jobId);
    if (!status) throw new ActionError(`No import job ${jobId}.`);
    return { phase: status.phase, message: status.message };
  },
  { permission: "admin", dataset: async ({ jobId }, db) => (await getJobStatus(db, jobId))?.datasetId ?? null },
);
