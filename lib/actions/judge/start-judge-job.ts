"use server";
// Creates a judge job over a filter (or the browse page's current filter) and starts it in the
// server process, interactive or through the Gemini Batch API. Credentials are checked first, so
// a missing key never leaves an empty job.
import { action, ActionError } from "../action";
import { parseBrowseFilters } from "../../browse/filters";
import { getDataset } from "../../db/queries/datasets";
import { browseSelectionIds } from "../../db/queries/judge-jobs";
import { checkJudgeConfigured, JudgeStartError, startInBackground } from "../../judge/background";
import { createJob } from "../../judge/server";
import { startJudgeSchema } from "./judge-schemas";

// Permission: dataset admin (a judge run spends money).
export const startJudgeJob = action(
  startJudgeSchema,
  async (input, { db }) => {
    const dataset = await getDataset(db, input.datasetId);
    if (!dataset) throw new ActionError(`Dataset ${input.datasetId} does not exist.`);
    const model = input.provider === "gemini" && input.model ? input.model : undefined;
    try {
      checkJudgeConfigured(input.provider, model, input.send !== "interactive");
    } catch (error) {
      if (error instanceof JudgeStartError) throw new ActionError(error.message);
      throw error;
    }
    const candidateIds =
      input.browseSearch !== undefined
        ? await browseSelectionIds(db, dataset.id, parseBrowseFilters(new URLSearchParams(input.browseSearch)))
        : undefined;
    if (candidateIds && candidateIds.length === 0) throw new ActionError("The browse filter matches no candidate: nothing to judge.");
    const created = await createJob(db, {
      datasetId: dataset.id,
      provider: input.provider,
      model,
      candidateIds,
      filter: { editTypes: input.editTypes.length ? input.editTypes : undefined, onlyUnjudged: input.onlyUnjudged },
      limit: input.limit,
      ...(input.send === "batch" ? { mode: "batch" as const } : input.send === "batch-above" ? { batchAbove: input.batchAbove } : {}),
    });
    if (created.job.total > 0) await startInBackground(db, created.job, { concurrency: input.concurrency });
    return {
      jobId: created.job.id,
      mode: created.job.mode,
      total: created.job.total,
      matched: created.matched,
      skippedJudged: created.skippedJudged,
      skippedQueued: created.skippedQueued,
      judgeId: created.job.judgeId,
    };
  },
  { permission: "admin" },
);
