import "server-only";
// Web imports: an uploaded JSONL file is streamed to <data dir>/uploads/ (constant memory, any
// size up to RIPE_MAX_UPLOAD_MB), sniffed for the mistakes a person can fix (empty, compressed,
// a JSON array, pretty-printed JSON, unknown keys), then imported in the background by the same
// importFile the CLI uses. Jobs run one at a time, in upload order: PGlite has one connection,
// and a score or decision file must find the candidates a manifest uploaded before it created.
// This map lives in server memory and is lost on restart; the import_runs row is the durable record.
import crypto from "node:crypto";
import fs from "node:fs";
import { getDb } from "../db/server";
import { markRunFailed, refreshStatistics, type ImportRunDetail } from "../db/queries/imports";
import type { LineKind } from "../manifest/records";
import { importFile } from "./import-file";
import { removeStaleUploads, type ReceivedUpload } from "./upload-receive";

export { checkDiskSpace, maxUploadBytes, receiveUpload, takeUploadSlot, UploadError, type ReceivedUpload } from "./upload-receive";

/**
 * Smaller than the CLI's 5000: a batch runs on the main thread (PGlite) and every request waits
 * for it. Measured on 2 cores, 20K SFT lines: 500 → worst event-loop stall 0.44 s, 2000 → 1.5 s,
 * at the same throughput (~1,800 lines/s).
 */
const WEB_BATCH_SIZE = 500;
const KEEP_FINISHED_MS = 60 * 60 * 1000;

export const JOB_PHASES = ["queued", "running", "done", "rejected", "cancelled", "failed", "interrupted"] as const;
export type JobPhase = (typeof JOB_PHASES)[number];
export const ACTIVE_PHASES: readonly JobPhase[] = ["queued", "running"];

export type ImportJobStatus = {
  /** A job id ("job-…") while the server remembers the upload; the run id as text for older runs. */
  id: string;
  runId: number | null;
  datasetId: number;
  datasetName: string;
  file: string;
  isStrict: boolean;
  detectedKind: LineKind | null;
  phase: JobPhase;
  linesRead: number;
  imported: number;
  unchanged: number;
  bad: number;
  bytesRead: number;
  /** 0 when unknown (runs read back from the database). */
  totalBytes: number;
  /** Lines imported per kind (live jobs only). */
  byKind: Record<string, number>;
  /** The kinds the file held, as far as known. */
  kinds: string[];
  errors: string[];
  warnings: string[];
  /** Why a job failed, or a note about the run. */
  message: string | null;
  queuedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
};

type Job = { status: ImportJobStatus; filePath: string; controller: AbortController; finishedAtMs: number | null };
type JobState = { jobs: Map<string, Job>; queue: string[]; isPumping: boolean };

// On globalThis so dev-mode module reloads and the route/page bundles share one map.
const globalForJobs = globalThis as unknown as { ripeImportJobs?: JobState };

function state(): JobState {
  if (!globalForJobs.ripeImportJobs) {
    globalForJobs.ripeImportJobs = { jobs: new Map(), queue: [], isPumping: false };
    removeStaleUploads();
  }
  return globalForJobs.ripeImportJobs;
}

export type EnqueueInput = {
  upload: ReceivedUpload;
  datasetId: number;
  datasetName: string;
  file: string;
  isStrict: boolean;
  warnings?: string[];
};

export function enqueueImport(input: EnqueueInput): ImportJobStatus {
  const jobs = state();
  pruneFinished(jobs);
  const id = `job-${Date.now().toString(36)}-${crypto.randomBytes(3).toString("hex")}`;
  const status: ImportJobStatus = {
    id,
    runId: null,
    datasetId: input.datasetId,
    datasetName: input.datasetName,
    file: input.file,
    isStrict: input.isStrict,
    detectedKind: input.upload.detectedKind,
    phase: "queued",
    linesRead: 0,
    imported: 0,
    unchanged: 0,
    bad: 0,
    bytesRead: 0,
    totalBytes: input.upload.bytes,
    byKind: {},
    kinds: input.upload.detectedKind ? [input.upload.detectedKind] : [],
    errors: [],
    warnings: input.warnings ?? [],
    message: null,
    queuedAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
  };
  jobs.jobs.set(id, { status, filePath: input.upload.filePath, controller: new AbortController(), finishedAtMs: null });
  jobs.queue.push(id);
  void pump();
  return { ...status };
}

function pruneFinished(jobs: JobState) {
  const cutoff = Date.now() - KEEP_FINISHED_MS;
  for (const [id, job] of jobs.jobs) if (job.finishedAtMs !== null && job.finishedAtMs < cutoff) jobs.jobs.delete(id);
}

async function pump() {
  const jobs = state();
  if (jobs.isPumping) return;
  jobs.isPumping = true;
  let importedSinceIdle = 0;
  try {
    for (let id = jobs.queue.shift(); id !== undefined; id = jobs.queue.shift()) {
      const job = jobs.jobs.get(id);
      if (!job || job.status.phase !== "queued") continue;
      importedSinceIdle += await runJob(job);
    }
    // PGlite has no autovacuum: fresh planner statistics keep browse queries on their indexes.
    // (ANALYZE samples; a full VACUUM would hold the connection for seconds at 400K rows.)
    if (importedSinceIdle > 0) {
      const db = await getDb();
      if (db.kind === "pglite") await refreshStatistics(db).catch((error) => console.error("ANALYZE after import failed", error));
    }
  } finally {
    jobs.isPumping = false;
    if (jobs.queue.length > 0) void pump(); // enqueued while the ANALYZE ran
  }
}

/** Runs one import; returns the number of lines it imported. Never throws. */
async function runJob(job: Job): Promise<number> {
  const status = job.status;
  status.phase = "running";
  status.startedAt = new Date().toISOString();
  try {
    const db = await getDb();
    const report = await importFile(db, {
      onRunCreated: (runId) => (status.runId = runId),
      datasetId: status.datasetId,
      file: job.filePath,
      label: status.file,
      strict: status.isStrict,
      batchSize: WEB_BATCH_SIZE,
      signal: job.controller.signal,
      onProgress: (progress) => {
        status.linesRead = progress.linesRead;
        status.bytesRead = progress.bytesRead;
        status.imported = progress.imported;
        status.bad = progress.bad;
      },
    });
    Object.assign(status, {
      runId: report.runId,
      phase: report.status,
      linesRead: report.linesTotal,
      imported: report.imported,
      unchanged: report.unchanged,
      bad: report.bad,
      bytesRead: report.status === "done" ? status.totalBytes : status.bytesRead,
      byKind: report.byKind,
      kinds: Object.keys(report.byKind).length ? Object.keys(report.byKind) : status.kinds,
      errors: report.errors,
      warnings: [...status.warnings, ...report.warnings],
      message: null, // "stopping…" is over; the phase says the rest
    });
    return report.imported;
  } catch (error) {
    console.error(`import of ${status.file} failed`, error);
    status.phase = "failed";
    status.message = `The import stopped with a server error: ${(error as Error).message}. Lines committed before it stay; re-importing the file skips them.`;
    if (status.runId !== null) {
      const runId = status.runId;
      await getDb()
        .then((db) => markRunFailed(db, runId, `${status.file}: (import): server error: ${(error as Error).message}`))
        .catch(() => {});
    }
    return 0;
  } finally {
    status.finishedAt = new Date().toISOString();
    job.finishedAtMs = Date.now();
    fs.rmSync(job.filePath, { force: true }); // the rows keep the lines verbatim; the file is not needed
  }
}

export function getJobStatus(id: string): ImportJobStatus | undefined {
  const job = state().jobs.get(id);
  return job ? { ...job.status } : undefined;
}

export function findJobByRunId(runId: number): ImportJobStatus | undefined {
  for (const job of state().jobs.values()) if (job.status.runId === runId) return { ...job.status };
  return undefined;
}

/** Stops a queued job at once, a running one after its current batch (committed batches stay). */
export function cancelJob(id: string): ImportJobStatus | undefined {
  const jobs = state();
  const job = jobs.jobs.get(id);
  if (!job) return undefined;
  if (job.status.phase === "queued") {
    jobs.queue = jobs.queue.filter((queued) => queued !== id);
    job.status.phase = "cancelled";
    job.status.message = "Cancelled before it started: nothing was imported.";
    job.status.finishedAt = new Date().toISOString();
    job.finishedAtMs = Date.now();
    fs.rmSync(job.filePath, { force: true });
  } else if (job.status.phase === "running") {
    job.controller.abort();
    job.status.message = "Stopping after the current batch…";
  }
  return { ...job.status };
}

/** A run read back from import_runs, for runs this server no longer (or never) held in memory. */
export function statusFromRun(run: ImportRunDetail): ImportJobStatus {
  const live = findJobByRunId(run.id);
  if (live) return live;
  const isOrphan = run.status === "running";
  return {
    id: String(run.id),
    runId: run.id,
    datasetId: run.datasetId,
    datasetName: run.datasetName,
    file: run.file,
    isStrict: run.isStrict,
    detectedKind: null,
    // "running" with no job in this server: it stopped mid-import, or another process runs it.
    phase: isOrphan ? "interrupted" : (JOB_PHASES as readonly string[]).includes(run.status) ? (run.status as JobPhase) : "failed",
    linesRead: run.linesTotal,
    imported: run.linesImported,
    unchanged: run.linesUnchanged,
    bad: run.linesBad,
    bytesRead: 0,
    totalBytes: 0,
    byKind: {},
    kinds: (run.kind ?? "").split(",").filter(Boolean),
    errors: run.errors,
    warnings: run.warnings,
    message: isOrphan
      ? "Not finished: the server stopped during this import, or another process (a CLI on PostgreSQL) is still running it. Re-importing the file skips the lines already committed."
      : null,
    queuedAt: null,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

export function isRunActive(runId: number): boolean {
  const job = findJobByRunId(runId);
  return job !== undefined && ACTIVE_PHASES.includes(job.phase);
}
