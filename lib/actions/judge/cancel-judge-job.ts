"use server";
// Stops a job: calls in flight are aborted, what was judged stays, the job can be resumed.
import { action, ActionError } from "../action";
import { cancelJob, getJob } from "../../judge/server";
import { jobRefSchema } from "./judge-schemas";

// Permission: dataset admin.
export const cancelJudgeJob = action(
  jobRefSchema,
  async ({ datasetId, jobId }, { db }) => {
    const job = await getJob(db, jobId);
    if (!job || job.datasetId !== datasetId) throw new ActionError(`Judge job #${jobId} is not a job of this dataset.`);
    const cancelled = await cancelJob(db, jobId);
    return { status: cancelled?.status ?? job.status };
  },
  { permission: "admin" },
);
