// Re-deriving every verdict of a dataset after a threshold or weight change, as a leased job: at
// 400K candidates a weight change takes about a minute, longer than a request should hold an
// instance, and an instance may die half-way. The work is idempotent (store the rubric, recompute
// from the stored criterion scores), so a takeover simply does it again; the rubric from before
// the change travels in the payload, so the "previous values" stay right after a takeover.
import { z } from "zod";
import type { DbHandle } from "../db/client";
import { enqueueBackgroundJob, getBackgroundJob } from "../db/queries/background-jobs";
import { applyRubric, currentRubric, type AppliedRubric, type RubricChange } from "../db/queries/audit-rubric";
import { getDataset } from "../db/queries/datasets";
import { nudgeWorker } from "./instance-nudge";
import type { JobHandler } from "./worker";

const weights = z.object({
  instruction_compliance: z.number(),
  seamlessness: z.number(),
  preservation_balance: z.number(),
  technical_quality: z.number(),
});
const rubric = z.object({ threshold: z.number(), weights });
const rubricPayload = z.object({ datasetId: z.number().int().positive(), change: rubric, previous: rubric });

export const runRubricJob: JobHandler = async ({ db, job }) => {
  const payload = rubricPayload.parse(job.payload);
  const dataset = await getDataset(db, payload.datasetId);
  if (!dataset) return { status: "failed", error: `Dataset ${payload.datasetId} no longer exists.` };
  const applied = await applyRubric(db, dataset, payload.change);
  return { status: "done", result: { ...applied, previous: payload.previous } };
};

export class RubricJobError extends Error {}

/**
 * Queues the change and waits until some instance has applied it (usually this one, nudged).
 * The wait is only for the caller's answer: the job finishes even if this request goes away.
 */
export async function applyRubricAsJob(
  db: DbHandle,
  datasetId: number,
  change: RubricChange,
  options: { pollMs?: number; timeoutMs?: number } = {},
): Promise<AppliedRubric> {
  const dataset = await getDataset(db, datasetId);
  if (!dataset) throw new RubricJobError(`Dataset ${datasetId} does not exist.`);
  const job = await enqueueBackgroundJob(db, {
    kind: "rubric",
    datasetId,
    payload: { datasetId, change, previous: currentRubric(dataset) },
  });
  nudgeWorker();
  const deadline = Date.now() + (options.timeoutMs ?? 15 * 60_000);
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
    const current = await getBackgroundJob(db, job.id);
    if (current?.status === "done") return current.result as AppliedRubric;
    if (current?.status === "failed" || current?.status === "cancelled")
      throw new RubricJobError(`Applying the rubric failed: ${current.error ?? current.status}.`);
  }
  throw new RubricJobError(`The rubric change (job #${job.id}) is still being applied; reload the page in a minute.`);
}
