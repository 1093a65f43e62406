import "server-only";
// Web imports: an uploaded JSONL file is streamed into the database (upload-receive.ts), sniffed
// for the mistakes a person can fix, then imported by a leased background job (lib/jobs/import-job.ts)
// on whichever instance claims it, through the same importFile the CLI uses. An instance that dies
// mid-import loses nothing: the next one restarts from the stored file, and the lines already
// committed are skipped (importFile is idempotent), under a new import run.
// Statuses are read from the job's row, so every instance shows the same progress.
import { z } from "zod";
import type { DbHandle } from "../db/client";
import { enqueueBackgroundJob, getBackgroundJob, importJobForRun, liveImportRunIds, requestCancel } from "../db/queries/background-jobs";
import type { ImportRunDetail } from "../db/queries/imports";
import type { BackgroundJob } from "../db/schema";
import type { LineKind } from "../manifest/records";
import { nudgeWorker } from "../jobs/instance-nudge";
import type { ReceivedUpload } from "./upload-receive";

export { checkDiskSpace, maxUploadBytes, receiveUpload, takeUploadSlot, UploadError, type ReceivedUpload } from "./upload-receive";

/**
 * Smaller than the CLI's 5000: a batch runs on the main thread (PGlite) and every request waits
 * for it. Measured on 2 cores, 20K SFT lines: 500 → worst event-loop stall 0.44 s, 2000 → 1.5 s,
 * at the same throughput (~1,800 lines/s).
 */
export const WEB_BATCH_SIZE = 500;

export const JOB_PHASES = ["queued", "running", "done", "rejected", "cancelled", "failed", "interrupted"] as const;
export type JobPhase = (typeof JOB_PHASES)[number];
export const ACTIVE_PHASES: readonly JobPhase[] = ["queued", "running"];

export type ImportJobStatus = {
  /** The import job ("job-N", a background_jobs row any instance can read); the run id as text for runs without a job. */
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

export const importPayload = z.object({
  uploadId: z.number().int().positive(),
  datasetId: z.number().int().positive(),
  datasetName: z.string(),
  file: z.string(),
  isStrict: z.boolean(),
  totalBytes: z.number(),
  detectedKind: z.string().nullable(),
  warnings: z.array(z.string()).default([]),
  queuedAt: z.string(),
});
export type ImportPayload = z.output<typeof importPayload>;

/** What the running instance reports in the job's progress. */
export const importProgress = z.object({
  runId: z.number().int().optional(),
  startedAt: z.string().optional(),
  linesRead: z.number().default(0),
  bytesRead: z.number().default(0),
  imported: z.number().default(0),
  bad: z.number().default(0),
});

/** The import's report, stored as the job's result. */
export const importResult = z.object({
  runId: z.number().int(),
  status: z.enum(["done", "rejected", "cancelled"]),
  linesTotal: z.number(),
  imported: z.number(),
  unchanged: z.number(),
  bad: z.number(),
  byKind: z.record(z.string(), z.number()),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
});

export type EnqueueInput = {
  upload: ReceivedUpload;
  datasetId: number;
  datasetName: string;
  file: string;
  isStrict: boolean;
  warnings?: string[];
};

const jobRef = (job: BackgroundJob) => `job-${job.id}`;

function statusOf(job: BackgroundJob): ImportJobStatus {
  const payload = importPayload.parse(job.payload);
  const progress = importProgress.parse(job.progress);
  const result = job.result ? importResult.safeParse(job.result) : null;
  const report = result?.success ? result.data : null;
  const phase: JobPhase =
    job.status === "done" ? (report?.status ?? "done") : job.status === "queued" && job.attempts > 0 ? "running" : job.status;
  return {
    id: jobRef(job),
    runId: report?.runId ?? progress.runId ?? null,
    datasetId: payload.datasetId,
    datasetName: payload.datasetName,
    file: payload.file,
    isStrict: payload.isStrict,
    detectedKind: payload.detectedKind as LineKind | null,
    phase,
    linesRead: report?.linesTotal ?? progress.linesRead,
    imported: report?.imported ?? progress.imported,
    unchanged: report?.unchanged ?? 0,
    bad: report?.bad ?? progress.bad,
    bytesRead: report?.status === "done" ? payload.totalBytes : progress.bytesRead,
    totalBytes: payload.totalBytes,
    byKind: report?.byKind ?? {},
    kinds: report && Object.keys(report.byKind).length ? Object.keys(report.byKind) : payload.detectedKind ? [payload.detectedKind] : [],
    errors: report?.errors ?? [],
    warnings: [...payload.warnings, ...(report?.warnings ?? [])],
    message:
      job.status === "failed"
        ? `The import stopped with a server error: ${job.error}. Lines committed before it stay; re-importing the file skips them.`
        : job.status === "queued" && job.attempts > 0
          ? "The instance running this import stopped; another one continues it (committed lines are skipped)."
          : job.status === "running" && job.isCancelRequested
            ? "Stopping after the current batch…"
            : job.status === "cancelled" && !report
              ? "Cancelled before it started: nothing was imported."
              : null,
    queuedAt: payload.queuedAt,
    startedAt: progress.startedAt ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** Queues the import for whichever instance claims it first (this one, nudged, if it is free). */
export async function enqueueImport(db: DbHandle, input: EnqueueInput): Promise<ImportJobStatus> {
  const job = await enqueueBackgroundJob(db, {
    kind: "import",
    datasetId: input.datasetId,
    payload: {
      uploadId: input.upload.uploadId,
      datasetId: input.datasetId,
      datasetName: input.datasetName,
      file: input.file,
      isStrict: input.isStrict,
      totalBytes: input.upload.bytes,
      detectedKind: input.upload.detectedKind,
      warnings: input.warnings ?? [],
      queuedAt: new Date().toISOString(),
    } satisfies ImportPayload,
  });
  nudgeWorker();
  return statusOf(job);
}

const jobIdOf = (id: string) => (/^job-\d{1,9}$/.test(id) ? Number(id.slice(4)) : null);

export async function getJobStatus(db: DbHandle, id: string): Promise<ImportJobStatus | undefined> {
  const jobId = jobIdOf(id);
  const job = jobId === null ? null : await getBackgroundJob(db, jobId);
  return job?.kind === "import" ? statusOf(job) : undefined;
}

/** Stops a queued job at once, a running one after its current batch (committed batches stay). */
export async function cancelJob(db: DbHandle, id: string): Promise<ImportJobStatus | undefined> {
  const jobId = jobIdOf(id);
  const current = jobId === null ? null : await getBackgroundJob(db, jobId);
  if (current?.kind !== "import") return undefined;
  const job = await requestCancel(db, current.id);
  return job ? statusOf(job) : undefined;
}

/** A run read back from import_runs; the live job's status while one works on it. */
export async function statusFromRun(db: DbHandle, run: ImportRunDetail): Promise<ImportJobStatus> {
  const job = await importJobForRun(db, run.id);
  if (job && (job.status === "queued" || job.status === "running")) return statusOf(job);
  return runStatus(run);
}

function runStatus(run: ImportRunDetail): ImportJobStatus {
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

/** Runs some instance's import job is working on now. */
export async function activeRunIds(db: DbHandle): Promise<Set<number>> {
  return new Set(await liveImportRunIds(db));
}
