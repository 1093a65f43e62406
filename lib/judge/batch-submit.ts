// Submitting a batch: claim up to maxItems pending items into a new batch row (one statement),
// write their requests to a JSONL file (images read a few at a time, the file capped at
// maxBytes), upload it, create the Gemini batch and store its name. Each step is recorded, so a
// runner killed half-way finds the batch again (recoverBuilding) instead of paying for it twice.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { ApiError } from "@google/genai";
import {
  batchItemIds,
  claimBatchItems,
  deleteBatch,
  returnUnsentItems,
  uncountBatchAttempt,
  updateBatch,
} from "../db/queries/judge-batches";
import type { JudgeBatch } from "../db/schema";
import { batchRequestLine } from "./batch-requests";
import { batchesIn, displayNameOf, releaseItems, storeBatchResult, type BatchRun } from "./batch-store";
import type { RemoteBatch } from "./gemini-batch";
import { loadJudgeInput } from "./item-input";

const READ_AHEAD = 4;

/**
 * Claims pending items into a new batch: fresh ones (never batched), or retries that have been in
 * fewer than maxBatchAttempts batches. Null when there is nothing to claim.
 */
export async function claimBatch(run: BatchRun, kind: "fresh" | "retry"): Promise<JudgeBatch | null> {
  const batchId = await claimBatchItems(run.handle, {
    jobId: run.job.id,
    kind,
    maxItems: run.settings.maxItems,
    maxBatchAttempts: run.settings.maxBatchAttempts,
  });
  if (batchId === null) return null;
  const [batch] = (await batchesIn(run, ["building"])).filter((candidate) => candidate.id === batchId);
  return batch;
}

/** Writes the batch file; items whose images cannot be read are recorded as failed, items past the byte cap released. */
async function writeBatchFile(run: BatchRun, batch: JudgeBatch, filePath: string): Promise<number> {
  const ids = await batchItemIds(run.handle, run.job.id, batch.id);
  const out = fs.createWriteStream(filePath);
  let bytes = 0;
  let written = 0;
  const overflow: number[] = [];
  try {
    for (let start = 0; start < ids.length; start += READ_AHEAD) {
      const chunk = ids.slice(start, start + READ_AHEAD);
      const loaded = await Promise.all(
        chunk.map((id) =>
          loadJudgeInput(run.handle, run.dataset, id, run.resolve).catch((error: Error) => ({
            ok: false as const,
            error: error.message,
            retryable: true,
          })),
        ),
      );
      for (const [index, item] of loaded.entries()) {
        const candidateId = chunk[index];
        if (!item.ok) {
          // Nothing was sent, nothing is charged: the item fails like an interactive one would.
          await storeBatchResult(run, batch.id, candidateId, item);
          continue;
        }
        const line = `${batchRequestLine(candidateId, item.input)}\n`;
        const size = Buffer.byteLength(line);
        if (written > 0 && bytes + size > run.settings.maxBytes) {
          overflow.push(candidateId);
          continue;
        }
        bytes += size;
        written++;
        if (!out.write(line)) await once(out, "drain");
      }
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  // The next batch takes these; they were never sent, so this is not a retry.
  if (overflow.length) await returnUnsentItems(run.handle, run.job.id, overflow);
  return written;
}

const CREATE_ATTEMPTS = 3;

/**
 * Creates the batch, retrying a rate limit, a server error or a network error; before each retry
 * it looks the display name up, because a create that failed on the way back may have gone through.
 */
async function createOnce(run: BatchRun, inputFile: string, displayName: string): Promise<RemoteBatch> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run.client.create(inputFile, displayName);
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      const isRetryable = status === 0 || status === 429 || status >= 500;
      const found = await run.client.findByDisplayName(displayName).catch(() => null);
      if (found) return found;
      if (!isRetryable || attempt >= CREATE_ATTEMPTS || run.signal.aborted) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(run.settings.pollMs, 2_000 * attempt)));
    }
  }
}

/** Builds, uploads and submits a claimed batch; its name is stored the moment Gemini accepts it. */
export async function submitBatch(run: BatchRun, batch: JudgeBatch): Promise<void> {
  const filePath = path.join(os.tmpdir(), `ripe-batch-${run.job.id}-${batch.id}-${crypto.randomBytes(4).toString("hex")}.jsonl`);
  try {
    const count = await writeBatchFile(run, batch, filePath);
    if (count === 0) {
      await updateBatch(run.handle, batch.id, { state: "collected", itemCount: 0, isFinished: true });
      return;
    }
    await updateBatch(run.handle, batch.id, { itemCount: count });
    const displayName = displayNameOf(batch);
    const inputFile = await run.client.upload(filePath, displayName);
    await updateBatch(run.handle, batch.id, { inputFile });
    const remote = await createOnce(run, inputFile, displayName);
    await updateBatch(run.handle, batch.id, { name: remote.name, remoteState: remote.state, state: "submitted", isSubmitted: true });
  } finally {
    await fs.promises.rm(filePath, { force: true });
  }
}

/**
 * Batches a killed runner left "building": if Gemini has one under the batch's display name, the
 * create went through and the batch is adopted; otherwise its items are released and it is dropped.
 */
export async function recoverBuilding(run: BatchRun): Promise<void> {
  for (const batch of await batchesIn(run, ["building"])) {
    const found = batch.inputFile ? await run.client.findByDisplayName(displayNameOf(batch)) : null;
    if (found) {
      await updateBatch(run.handle, batch.id, { name: found.name, remoteState: found.state, state: "submitted", isSubmitted: true });
      continue;
    }
    await uncountBatchAttempt(run.handle, run.job.id, batch.id);
    await releaseItems(run, batch.id);
    await deleteBatch(run.handle, batch.id);
    if (batch.inputFile) await run.client.deleteFile(batch.inputFile).catch(() => undefined);
  }
}
