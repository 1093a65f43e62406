import "server-only";
// Web imports: an uploaded JSONL file is streamed to <data dir>/uploads/ (constant memory, any
// size up to RIPE_MAX_UPLOAD_MB), sniffed for the mistakes a person can fix (empty, compressed,
// a JSON array, pretty-printed JSON, unknown keys), then imported in the background by the same
// importFile the CLI uses. Jobs run one at a time, in upload order: PGlite has one connection,
// and a score or decision file must find the candidates a manifest uploaded before it created.
// This map lives in server memory and is lost on restart; the import_runs row is the durable record.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { resolveDataDir, type DbHandle } from "../db/client";
import { getDb } from "../db/server";
import { markRunFailed, type ImportRunDetail } from "../db/queries/imports";
import { detectKind, type LineKind } from "../manifest/records";
import { importFile } from "./import-file";

export const MAX_UPLOAD_BYTES = Math.max(1, Number(process.env.RIPE_MAX_UPLOAD_MB) || 4096) * 1024 * 1024;
/**
 * Smaller than the CLI's 5000: a batch runs on the main thread (PGlite) and every request waits
 * for it. Measured on 2 cores, 20K SFT lines: 500 → worst event-loop stall 0.44 s, 2000 → 1.5 s,
 * at the same throughput (~1,800 lines/s).
 */
const WEB_BATCH_SIZE = 500;
const HEAD_BYTES = 64 * 1024;
const KEEP_FINISHED_MS = 60 * 60 * 1000;

export class UploadError extends Error {
  constructor(message: string, public readonly status = 400) {
    super(message);
  }
}

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

export function uploadsDir(): string {
  return path.join(resolveDataDir(), "uploads");
}

/** Uploads left by a server that stopped mid-import; a day old so another process's are safe. */
function removeStaleUploads() {
  const dir = uploadsDir();
  if (!fs.existsSync(dir)) return;
  const cutoff = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of fs.readdirSync(dir)) {
    const full = path.join(dir, name);
    try {
      if (fs.statSync(full).mtimeMs < cutoff) fs.rmSync(full, { force: true });
    } catch {
      /* raced with another cleanup */
    }
  }
}

export type ReceivedUpload = { filePath: string; bytes: number; detectedKind: LineKind | null };

/** Streams a request body to disk, then checks it looks like JSONL Ripe can read. */
export async function receiveUpload(body: ReadableStream<Uint8Array>, fileName: string): Promise<ReceivedUpload> {
  const dir = uploadsDir();
  fs.mkdirSync(dir, { recursive: true });
  const safeName = path.basename(fileName).replace(/[^\w.-]+/g, "_").slice(-100) || "upload.jsonl";
  const filePath = path.join(dir, `${Date.now()}-${crypto.randomBytes(4).toString("hex")}-${safeName}`);
  let bytes = 0;
  const head: Buffer[] = [];
  let headBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) {
        callback(new UploadError(`${fileName} is larger than the upload limit of ${formatMb(MAX_UPLOAD_BYTES)} (RIPE_MAX_UPLOAD_MB); import it with the CLI instead: npm run import`, 413));
        return;
      }
      if (headBytes < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
        headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), meter, fs.createWriteStream(filePath));
    const detectedKind = sniff(fileName, Buffer.concat(head), bytes);
    return { filePath, bytes, detectedKind };
  } catch (error) {
    fs.rmSync(filePath, { force: true });
    if (error instanceof UploadError) throw error;
    throw new UploadError(`The upload of ${fileName} did not complete (${(error as Error).message}); try again.`, 400);
  }
}

const formatMb = (bytes: number) => `${Math.round(bytes / 1024 / 1024).toLocaleString("en")} MB`;

const KIND_HINT =
  "Expected Pico-Banana SFT (output_image), preference (rejected_images) or multi-turn (files) manifests, judge scores (image + judge) or decisions (image + reviewer + verdict).";

/** The first-line checks that save a person from a wall of identical per-line errors. */
function sniff(fileName: string, head: Buffer, bytes: number): LineKind | null {
  if (bytes === 0) throw new UploadError(`${fileName} is empty: choose a JSONL file with one JSON object per line.`);
  if (head[0] === 0x1f && head[1] === 0x8b) throw new UploadError(`${fileName} is gzip-compressed: decompress it first (gunzip ${fileName}).`);
  if (head.subarray(0, 4).toString("latin1") === "PK\u0003\u0004") throw new UploadError(`${fileName} is a zip archive: extract the .jsonl files and upload those.`);
  const text = head.toString("utf8").replace(/^\uFEFF/, "");
  const start = text.search(/\S/);
  if (start === -1) {
    if (bytes <= head.length) throw new UploadError(`${fileName} holds only blank lines: nothing to import.`);
    throw new UploadError(`${fileName} starts with more than 64 KB of blank space: is it really JSONL?`);
  }
  const lineNo = text.slice(0, start).split("\n").length;
  const firstChar = text[start];
  if (firstChar === "[") {
    throw new UploadError(`${fileName}:${lineNo}: is a JSON array, not JSON Lines. Ripe needs one object per line; convert with: jq -c '.[]' ${fileName} > out.jsonl`);
  }
  if (firstChar !== "{") {
    const preview = JSON.stringify(text.slice(start, start + 40));
    throw new UploadError(`${fileName}:${lineNo}: does not look like JSON Lines (it starts with ${preview}); each line must be one JSON object.`);
  }
  const end = text.indexOf("\n", start);
  const isWholeLine = end !== -1 || bytes <= head.length;
  const firstLine = text.slice(start, end === -1 ? undefined : end).trim();
  if (isWholeLine && firstLine === "{") {
    throw new UploadError(`${fileName}:${lineNo}: looks like pretty-printed JSON. JSON Lines needs each object on one line; convert with: jq -c . ${fileName} > out.jsonl`);
  }
  let value: unknown;
  try {
    value = isWholeLine ? JSON.parse(firstLine) : undefined;
  } catch {
    value = undefined; // a malformed first line is reported by the importer with the others
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const kind = detectKind(value as Record<string, unknown>);
    if (!kind) {
      const keys = Object.keys(value).slice(0, 8).join(", ");
      throw new UploadError(`${fileName}:${lineNo}: (line): unrecognised row (keys: ${keys || "none"}). ${KIND_HINT}`);
    }
    return kind;
  }
  return null; // unknown until the importer reads the file; the summary names the real kinds
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
      if (db.kind === "pglite") await db.query("ANALYZE").catch((error) => console.error("ANALYZE after import failed", error));
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
    const report = await importFile(withRunIdCapture(db, (runId) => (status.runId = runId)), {
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

/**
 * importFile creates its import_runs row first thing but reports the id only at the end; the
 * page wants it at once (to link the durable record), so the INSERT's result is read on the way.
 * (An `onRunCreated` option on importFile would make this unnecessary.)
 */
function withRunIdCapture(db: DbHandle, onRunId: (runId: number) => void): DbHandle {
  let isCaptured = false;
  const query = async (text: string, params?: unknown[]) => {
    const rows = await db.query<{ id?: number }>(text, params);
    if (!isCaptured && /^\s*INSERT INTO import_runs/i.test(text) && rows[0]?.id !== undefined) {
      isCaptured = true;
      onRunId(Number(rows[0].id));
    }
    return rows;
  };
  return { ...db, query: query as DbHandle["query"] };
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
    phase: isOrphan ? "interrupted" : ((JOB_PHASES as readonly string[]).includes(run.status) ? (run.status as JobPhase) : "failed"),
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
    message: isOrphan ? "Not finished: the server stopped during this import, or another process (a CLI on PostgreSQL) is still running it. Re-importing the file skips the lines already committed." : null,
    queuedAt: null,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

export function isRunActive(runId: number): boolean {
  const job = findJobByRunId(runId);
  return job !== undefined && ACTIVE_PHASES.includes(job.phase);
}

/** A folder base must exist: storing a wrong path would break every image of the dataset. */
export function baseProblem(base: string | undefined): string | null {
  if (!base || /^https?:\/\//i.test(base)) return null;
  const resolved = path.resolve(base);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) return null;
  return `base: the folder ${resolved} does not exist on the server; fix the path, or leave base empty to keep the dataset's base.`;
}
