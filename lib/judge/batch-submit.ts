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
  const [row] = await run.handle.query<{ id: number }>(
    `WITH picked AS (
       SELECT candidate_id FROM judge_job_items
       WHERE job_id = $1 AND status = 'pending' AND ${kind === "fresh" ? "attempts = 0" : "attempts BETWEEN 1 AND $3::int - 1"}
       ORDER BY candidate_id LIMIT $2
     ), batch AS (
       INSERT INTO judge_batches (job_id, state, item_count) SELECT $1, 'building', count(*) FROM picked HAVING count(*) > 0 RETURNING id
     ), claimed AS (
       UPDATE judge_job_items i SET status = 'batched', batch_id = batch.id, attempts = i.attempts + 1
       FROM batch, picked WHERE i.job_id = $1 AND i.candidate_id = picked.candidate_id
     )
     SELECT id FROM batch`,
    kind === "fresh" ? [run.job.id, run.settings.maxItems] : [run.job.id, run.settings.maxItems, run.settings.maxBatchAttempts],
  );
  if (!row) return null;
  const [batch] = (await batchesIn(run, ["building"])).filter((candidate) => candidate.id === Number(row.id));
  return batch;
}

async function batchItemIds(run: BatchRun, batchId: number): Promise<number[]> {
  const rows = await run.handle.query<{ candidate_id: number }>(
    "SELECT candidate_id FROM judge_job_items WHERE job_id = $1 AND batch_id = $2 AND status = 'batched' ORDER BY candidate_id",
    [run.job.id, batchId],
  );
  return rows.map((row) => Number(row.candidate_id));
}

/** Writes the batch file; items whose images cannot be read are recorded as failed, items past the byte cap released. */
async function writeBatchFile(run: BatchRun, batch: JudgeBatch, filePath: string): Promise<number> {
  const ids = await batchItemIds(run, batch.id);
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
  if (overflow.length)
    await run.handle.query(
      "UPDATE judge_job_items SET status = 'pending', batch_id = NULL, attempts = attempts - 1 WHERE job_id = $1 AND candidate_id = ANY($2::bigint[]) AND status = 'batched'",
      [run.job.id, overflow],
    );
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
      await run.handle.query("UPDATE judge_batches SET state = 'collected', item_count = 0, finished_at = now() WHERE id = $1", [batch.id]);
      return;
    }
    await run.handle.query("UPDATE judge_batches SET item_count = $2 WHERE id = $1", [batch.id, count]);
    const displayName = displayNameOf(batch);
    const inputFile = await run.client.upload(filePath, displayName);
    await run.handle.query("UPDATE judge_batches SET input_file = $2 WHERE id = $1", [batch.id, inputFile]);
    const remote = await createOnce(run, inputFile, displayName);
    await run.handle.query(
      "UPDATE judge_batches SET name = $2, remote_state = $3, state = 'submitted', submitted_at = now() WHERE id = $1",
      [batch.id, remote.name, remote.state],
    );
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
      await run.handle.query(
        "UPDATE judge_batches SET name = $2, remote_state = $3, state = 'submitted', submitted_at = now() WHERE id = $1",
        [batch.id, found.name, found.state],
      );
      continue;
    }
    await run.handle.query(
      "UPDATE judge_job_items SET attempts = attempts - 1 WHERE job_id = $1 AND batch_id = $2 AND status = 'batched'",
      [run.job.id, batch.id],
    );
    await releaseItems(run, batch.id);
    await run.handle.query("DELETE FROM judge_batches WHERE id = $1", [batch.id]);
    if (batch.inputFile) await run.client.deleteFile(batch.inputFile).catch(() => undefined);
  }
}
