"use server";
// Resumes a stopped job (cancelled, failed, or cut off) as a leased background job on any instance;
// with retryErrors its failed items are judged again. Stored results are never re-charged.
import { action, ActionError } from "../action";
import { checkJudgeConfigured, isJobActive, JudgeStartError, startInBackground } from "../../judge/background";
import type { JudgeProvider } from "../../judge/judges";
import { getJob } from "../../judge/server";
import { resumeJudgeSchema } from "./judge-schemas";

// Permission: dataset admin (a judge run spends money).
export const resumeJudgeJob = action(
  resumeJudgeSchema,
  async ({ datasetId, jobId, concurrency, retryErrors }, { db }) => {
    const job = await getJob(db, jobId);
    if (!job || job.datasetId !== datasetId) throw new ActionError(`Judge job #${jobId} is not a job of this dataset.`);
    if (await isJobActive(db, jobId)) throw new ActionError(`Judge job #${jobId} is already running.`);
    if (job.status === "done" && !(retryErrors && job.failed > 0))
      throw new ActionError(`Judge job #${jobId} is finished; there is nothing to resume.`);
    try {
      checkJudgeConfigured(job.provider as JudgeProvider, job.model ?? undefined);
      await startInBackground(db, job, { concurrency, retryErrors });
    } catch (error) {
      if (error instanceof JudgeStartError) throw new ActionError(error.message);
      throw error;
    }
    return { jobId };
  },
  { permission: "admin" },
);
