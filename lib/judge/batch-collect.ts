// Polling and collecting a submitted batch. A finished batch's results file is downloaded to a
// temp file and read line by line (constant memory); every result is stored through the one
// conditional statement (batch-store.ts), so a collection cut short is simply done again.
// Whatever has no final result afterwards (retryable errors, lines missing from an expired or
// failed batch) goes back to pending for a follow-up batch or the interactive API.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { ApiError } from "@google/genai";
import { refreshCandidates } from "../db/queries/candidate-state";
import { countBatchedItems, uncountBatchAttempt, updateBatch } from "../db/queries/judge-batches";
import type { JudgeBatch } from "../db/schema";
import { parseBatchLine } from "./batch-requests";
import { releaseItems, storeBatchResult, type BatchRun } from "./batch-store";
import { FINISHED_STATES, type RemoteBatch } from "./gemini-batch";
import { getJob } from "./jobs";

const REFRESH_EVERY = 200;

export type CollectReport = { stored: number; retrying: number; error: string | null };

/** Asks Gemini where a batch stands; collects it when it has finished. */
export async function pollBatch(run: BatchRun, batch: JudgeBatch): Promise<void> {
  let remote: RemoteBatch;
  try {
    remote = await run.client.get(batch.name!);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      // Gone (deleted, or older than Gemini keeps batches): nothing more will come from it.
      await collectBatch(run, batch, { name: batch.name!, state: "JOB_STATE_NOT_FOUND", resultFile: null });
      return;
    }
    // A network error or a 5xx: keep the batch and ask again at the next poll.
    await updateBatch(run.handle, batch.id, { error: `Polling failed: ${(error as Error).message}`.slice(0, 1000) });
    return;
  }
  if (FINISHED_STATES.includes(remote.state)) return void (await collectBatch(run, batch, remote));
  const state = batch.state === "cancelling" ? "cancelling" : remote.state === "JOB_STATE_RUNNING" ? "running" : "submitted";
  await updateBatch(run.handle, batch.id, { remoteState: remote.state, state, error: null });
}

async function readResults(
  run: BatchRun,
  batch: JudgeBatch,
  resultFile: string,
): Promise<{ stored: number; retryable: Map<number, string> }> {
  const filePath = path.join(os.tmpdir(), `ripe-batch-results-${batch.id}-${crypto.randomBytes(4).toString("hex")}.jsonl`);
  const retryable = new Map<number, string>();
  let stored = 0;
  let toRefresh: number[] = [];
  try {
    await run.client.download(resultFile, filePath);
    const lines = readline.createInterface({ input: fs.createReadStream(filePath), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const parsed = parseBatchLine(line);
      if (!parsed) continue;
      const { candidateId, result } = parsed;
      if (!result.ok && result.retryable) {
        retryable.set(candidateId, result.error);
        continue;
      }
      if (await storeBatchResult(run, batch.id, candidateId, result)) {
        stored++;
        if (result.ok) toRefresh.push(candidateId);
        if (toRefresh.length >= REFRESH_EVERY) {
          await refreshCandidates(run.handle, toRefresh);
          toRefresh = [];
        }
        if (run.onProgress)
          run.onProgress((await getJob(run.handle, run.job.id))!, { candidateId, error: result.ok ? undefined : result.error });
      }
    }
  } finally {
    if (toRefresh.length) await refreshCandidates(run.handle, toRefresh);
    await fs.promises.rm(filePath, { force: true });
  }
  return { stored, retryable };
}

/** Stores a finished batch's results and releases what it did not answer for good. */
export async function collectBatch(run: BatchRun, batch: JudgeBatch, remote: RemoteBatch): Promise<CollectReport> {
  await updateBatch(run.handle, batch.id, { state: "collecting", remoteState: remote.state, resultFile: remote.resultFile });
  const { stored, retryable } = remote.resultFile
    ? await readResults(run, batch, remote.resultFile)
    : { stored: 0, retryable: new Map<number, string>() };
  const retrying = await countBatchedItems(run.handle, run.job.id, batch.id);
  const reasons = [
    remote.state !== "JOB_STATE_SUCCEEDED"
      ? `Gemini reports the batch ${remote.state
          .replace(/^JOB_STATE_/, "")
          .toLowerCase()
          .replace(/_/g, " ")}`
      : null,
    retryable.size ? `${retryable.size} request${retryable.size === 1 ? "" : "s"} failed (${[...retryable.values()][0]})` : null,
    retrying > retryable.size ? `${retrying - retryable.size} without an answer` : null,
  ].filter(Boolean);
  const error =
    retrying > 0
      ? `${reasons.join("; ")}: ${retrying} item${retrying === 1 ? "" : "s"} queued again`
      : reasons.length
        ? reasons.join("; ")
        : null;
  // A batch we cancelled did not fail its items: they go back as fresh, for a batch again.
  if (remote.state === "JOB_STATE_CANCELLED") await uncountBatchAttempt(run.handle, run.job.id, batch.id);
  await releaseItems(run, batch.id);
  await updateBatch(run.handle, batch.id, { state: "collected", error, isFinished: true });
  // Files count against the project's storage until Gemini expires them (48 h): free them now.
  for (const file of [batch.inputFile, remote.resultFile]) if (file) await run.client.deleteFile(file).catch(() => undefined);
  return { stored, retrying, error };
}
