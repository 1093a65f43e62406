// The loop of a batch-mode judge job: submit batches of pending items (at most maxOpen in flight),
// poll them, collect the finished ones, then deal with what failed (a follow-up batch when many,
// the interactive API when few). It returns when nothing is pending or in a batch, when the
// signal aborts (batches keep running at Gemini and are polled again on resume), or when the job
// is cancelled (open batches are cancelled at Gemini too; what they finished is still collected).
import type { DbHandle } from "../db/client";
import { batchesOfJob, countBatchableRetries, countFreshPending, countPending, updateBatch } from "../db/queries/judge-batches";
import { judgeJobStatus } from "../db/queries/judge-runs";
import { batchesIn, refreshBatchStatus, type BatchRun } from "./batch-store";
import type { BatchClient } from "./gemini-batch";
import { collectBatch, pollBatch } from "./batch-collect";
import { claimBatch, recoverBuilding, submitBatch } from "./batch-submit";

export { batchSettings, type BatchSettings, type BatchRun } from "./batch-store";

const OPEN_STATES = ["submitted", "running", "cancelling", "collecting"];

/** Resolves after `ms`, or early when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

async function jobStatus(run: BatchRun): Promise<string | undefined> {
  return judgeJobStatus(run.handle, run.job.id);
}

async function isStopped(run: BatchRun): Promise<boolean> {
  return run.signal.aborted || (await jobStatus(run)) !== "running";
}

/** A cancelled job stops spending: its open batches are cancelled at Gemini (and collected on resume). */
export async function cancelOpenBatches(handle: DbHandle, jobId: number, client: BatchClient): Promise<void> {
  const open = await batchesOfJob(handle, jobId, ["submitted", "running"]);
  for (const batch of open) {
    try {
      await client.cancel(batch.name!);
      await updateBatch(handle, batch.id, { state: "cancelling" });
    } catch (error) {
      await updateBatch(handle, batch.id, { error: `Cancelling failed: ${(error as Error).message}`.slice(0, 1000) });
    }
  }
  await refreshBatchStatus(handle, jobId);
}

async function submitWhileRoom(run: BatchRun, kind: "fresh" | "retry"): Promise<void> {
  let open = (await batchesIn(run, OPEN_STATES)).length;
  while (open < run.settings.maxOpen && !(await isStopped(run))) {
    const batch = await claimBatch(run, kind);
    if (!batch) return;
    await refreshBatchStatus(run.handle, run.job.id);
    await submitBatch(run, batch);
    open++;
  }
}

export async function runBatchItems(run: BatchRun): Promise<void> {
  const { handle, job, settings } = run;
  await recoverBuilding(run);
  try {
    while (!(await isStopped(run))) {
      await submitWhileRoom(run, "fresh");
      for (const batch of await batchesIn(run, OPEN_STATES)) {
        if (await isStopped(run)) break;
        // "collecting": a runner stopped half-way through storing this batch's results.
        if (batch.state === "collecting")
          await collectBatch(run, batch, {
            name: batch.name!,
            state: batch.remoteState ?? "JOB_STATE_SUCCEEDED",
            resultFile: batch.resultFile,
          });
        else await pollBatch(run, batch);
      }
      await refreshBatchStatus(handle, job.id);
      if ((await batchesIn(run, OPEN_STATES)).length > 0) {
        await sleep(settings.pollMs, run.signal);
        continue;
      }
      if ((await countFreshPending(handle, job.id)) > 0) continue;
      const retries = await countPending(handle, job.id);
      if (retries === 0) break;
      const batchable = await countBatchableRetries(handle, job.id, settings.maxBatchAttempts);
      if (batchable > 0 && batchable >= settings.followUpMin) {
        await submitWhileRoom(run, "retry");
        continue;
      }
      await refreshBatchStatus(handle, job.id, "retrying");
      await run.interactive();
      break;
    }
  } finally {
    if ((await jobStatus(run)) === "cancelled") await cancelOpenBatches(handle, job.id, run.client);
    await refreshBatchStatus(handle, job.id);
  }
}
