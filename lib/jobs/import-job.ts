// An import started from the site, as a leased background job. The file is in the database
// (lib/db/queries/uploads.ts): the claiming instance copies it to a temp file of its own and runs
// the CLI's importFile. Resuming is restarting from the file: importFile skips lines already
// committed (by line hash), so a takeover imports only the rest, under a new import run; the run
// of the instance that stopped is marked "interrupted" with a note naming its successor.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getImportRun, refreshStatistics, type ImportRunDetail } from "../db/queries/imports";
import { deleteUpload, getUpload, markRunHandedOver, readUploadChunks } from "../db/queries/uploads";
import type { DbHandle } from "../db/client";
import { importFile } from "../import/import-file";
import { importPayload, WEB_BATCH_SIZE } from "../import/upload-jobs";
import type { JobHandler } from "./worker";

/** Copies a stored upload to `filePath`, a few chunks at a time. */
async function copyUpload(db: DbHandle, uploadId: number, filePath: string): Promise<void> {
  const out = fs.createWriteStream(filePath);
  try {
    for (let seq = 0; ;) {
      const chunks = await readUploadChunks(db, uploadId, seq);
      if (chunks.length === 0) break;
      for (const chunk of chunks) if (!out.write(chunk.data)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      seq = chunks[chunks.length - 1].seq + 1;
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

/** A finished import run as the job's result (lib/import/upload-jobs importResult). */
function resultOfRun(run: ImportRunDetail) {
  return {
    runId: run.id,
    status: "done" as const,
    linesTotal: run.linesTotal,
    imported: run.linesImported,
    unchanged: run.linesUnchanged,
    bad: run.linesBad,
    byKind: {},
    errors: run.errors,
    warnings: run.warnings,
  };
}

export const runImportJob: JobHandler = async ({ db, job, drainSignal, stopReason, reportProgress }) => {
  const payload = importPayload.parse(job.payload);
  const previousRunId = typeof job.progress.runId === "number" ? job.progress.runId : null;
  const upload = await getUpload(db, payload.uploadId);
  if (!upload?.is_complete) {
    // The upload is deleted only after a whole import: an earlier attempt that finished it but lost
    // its lease before recording so (a stalled heartbeat) has left the answer in its import run.
    const finished = previousRunId === null ? undefined : await getImportRun(db, previousRunId);
    if (finished?.status === "done") return { status: "done", result: resultOfRun(finished) };
    return { status: "failed", error: `the uploaded file ${payload.file} is no longer stored; upload it again` };
  }
  const filePath = path.join(os.tmpdir(), `ripe-import-${job.id}-${crypto.randomBytes(4).toString("hex")}.jsonl`);
  try {
    await copyUpload(db, payload.uploadId, filePath);
    let lastReport = 0;
    let runId: number | null = null;
    const report = await importFile(db, {
      datasetId: payload.datasetId,
      file: filePath,
      label: payload.file,
      strict: payload.isStrict,
      batchSize: WEB_BATCH_SIZE,
      // importFile stops between batches (a committed batch is whole), so drain and stop are one here.
      signal: drainSignal,
      onRunCreated: (id) => {
        runId = id;
        void reportProgress({ runId: id, startedAt: new Date().toISOString() });
        if (previousRunId !== null)
          void markRunHandedOver(db, previousRunId, `${payload.file}: its instance stopped; import run #${id} continues it`);
      },
      onProgress: (progress) => {
        if (Date.now() - lastReport < 500) return;
        lastReport = Date.now();
        void reportProgress({
          linesRead: progress.linesRead,
          bytesRead: progress.bytesRead,
          imported: progress.imported,
          bad: progress.bad,
        });
      },
    });
    const reason = stopReason();
    if (reason === "shutdown" || reason === "lease-lost") {
      // Stopped between batches to hand over: the file stays for the instance that continues.
      if (runId !== null) await markRunHandedOver(db, runId, `${payload.file}: stopped with its instance; another instance continues it`);
      return { status: "cancelled" };
    }
    await deleteUpload(db, payload.uploadId);
    // PGlite has no autovacuum: fresh planner statistics keep browse queries on their indexes.
    if (db.kind === "pglite" && report.imported > 0) await refreshStatistics(db).catch(() => undefined);
    return { status: report.status === "cancelled" ? "cancelled" : "done", result: { ...report } };
  } finally {
    await fs.promises.rm(filePath, { force: true });
  }
};
