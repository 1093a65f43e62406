import "server-only";
// Receiving an upload: the request body streams into the database in 1 MB chunks (constant
// memory, up to RIPE_MAX_UPLOAD_MB), so whichever instance claims the import job can read it;
// then its first bytes are checked for the mistakes a person can fix (empty, compressed, a JSON
// array, pretty-printed JSON, unknown keys) before any import starts.
import fs from "node:fs";
import { Readable, Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { SqlRunner } from "../db/client";
import { appendUploadChunk, completeUpload, createUpload, deleteUpload } from "../db/queries/uploads";
import { dataDir, env } from "../env";
import { detectKind, type LineKind } from "../manifest/records";

/** The largest upload the server takes (RIPE_MAX_UPLOAD_MB, default 1 GB); bigger files go through the CLI. */
export const maxUploadBytes = () => env().RIPE_MAX_UPLOAD_MB * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
/** How often (in bytes received) free disk space is checked again while an upload streams. */
const DISK_CHECK_EVERY = 32 * 1024 * 1024;

export class UploadError extends Error {
  constructor(
    message: string,
    public readonly status = 400,
  ) {
    super(message);
  }
}

/** Free bytes on the data folder's disk. */
export function freeDiskBytes(): number {
  const folder = dataDir();
  fs.mkdirSync(folder, { recursive: true });
  const stats = fs.statfsSync(folder);
  return stats.bavail * stats.bsize;
}

/** Refuses an upload that would leave less than RIPE_MIN_FREE_DISK_MB free on the data folder's disk. */
export function checkDiskSpace(fileName: string, incomingBytes: number) {
  const reserve = env().RIPE_MIN_FREE_DISK_MB * 1024 * 1024;
  const free = freeDiskBytes();
  if (free - incomingBytes < reserve) {
    throw new UploadError(
      `${fileName}: not enough disk space on the server (${formatMb(free)} free, ${formatMb(reserve)} kept in reserve by RIPE_MIN_FREE_DISK_MB); ask the operator to free space.`,
      507,
    );
  }
}

type UploadSlots = { total: number; byUser: Map<string, number> };
const globalForSlots = globalThis as unknown as { ripeUploadSlots?: UploadSlots };

/** Takes one of the server's upload slots for this user; 429 when the user or the server has too many running. */
export function takeUploadSlot(user: string): () => void {
  const slots = (globalForSlots.ripeUploadSlots ??= { total: 0, byUser: new Map() });
  const settings = env();
  const mine = slots.byUser.get(user) ?? 0;
  if (mine >= settings.RIPE_MAX_UPLOADS_PER_USER)
    throw new UploadError(`You already have ${mine} upload${mine === 1 ? "" : "s"} in progress; wait for it to finish.`, 429);
  if (slots.total >= settings.RIPE_MAX_UPLOADS)
    throw new UploadError(`The server is receiving ${slots.total} uploads already; try again in a minute.`, 429);
  slots.total++;
  slots.byUser.set(user, mine + 1);
  let isReleased = false;
  return () => {
    if (isReleased) return;
    isReleased = true;
    slots.total--;
    const left = (slots.byUser.get(user) ?? 1) - 1;
    if (left > 0) slots.byUser.set(user, left);
    else slots.byUser.delete(user);
  };
}

export type ReceivedUpload = { uploadId: number; bytes: number; detectedKind: LineKind | null };

const CHUNK_BYTES = 1024 * 1024;

/** A sink that stores what it is given as numbered chunks of one upload row. */
function chunkSink(db: Pick<SqlRunner, "query">, uploadId: number): Writable {
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    await appendUploadChunk(db, uploadId, seq++, data);
  };
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < CHUNK_BYTES) return callback();
      flush().then(() => callback(), callback);
    },
    final(callback) {
      flush().then(() => callback(), callback);
    },
  });
}

/** Streams a request body into the database, then checks it looks like JSONL Ripe can read. */
export async function receiveUpload(
  db: Pick<SqlRunner, "query">,
  body: ReadableStream<Uint8Array>,
  fileName: string,
): Promise<ReceivedUpload> {
  const uploadId = await createUpload(db, fileName.slice(0, 255));
  const limit = maxUploadBytes();
  let bytes = 0;
  let nextDiskCheck = DISK_CHECK_EVERY;
  const head: Buffer[] = [];
  let headBytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) {
        callback(
          new UploadError(
            `${fileName} is larger than the upload limit of ${formatMb(limit)} (RIPE_MAX_UPLOAD_MB); import it with the CLI instead: npm run import`,
            413,
          ),
        );
        return;
      }
      if (bytes >= nextDiskCheck) {
        nextDiskCheck += DISK_CHECK_EVERY;
        try {
          checkDiskSpace(fileName, 0);
        } catch (error) {
          callback(error as Error);
          return;
        }
      }
      if (headBytes < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
        headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), meter, chunkSink(db, uploadId));
    const detectedKind = sniff(fileName, Buffer.concat(head), bytes);
    await completeUpload(db, uploadId, bytes);
    return { uploadId, bytes, detectedKind };
  } catch (error) {
    await deleteUpload(db, uploadId).catch(() => undefined);
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
  if (head[0] === 0x1f && head[1] === 0x8b)
    throw new UploadError(`${fileName} is gzip-compressed: decompress it first (gunzip ${fileName}).`);
  if (head.subarray(0, 4).toString("latin1") === "PK\u0003\u0004")
    throw new UploadError(`${fileName} is a zip archive: extract the .jsonl files and upload those.`);
  const text = head.toString("utf8").replace(/^\uFEFF/, "");
  const start = text.search(/\S/);
  if (start === -1) {
    if (bytes <= head.length) throw new UploadError(`${fileName} holds only blank lines: nothing to import.`);
    throw new UploadError(`${fileName} starts with more than 64 KB of blank space: is it really JSONL?`);
  }
  const lineNo = text.slice(0, start).split("\n").length;
  const firstChar = text[start];
  if (firstChar === "[") {
    throw new UploadError(
      `${fileName}:${lineNo}: is a JSON array, not JSON Lines. Ripe needs one object per line; convert with: jq -c '.[]' ${fileName} > out.jsonl`,
    );
  }
  if (firstChar !== "{") {
    const preview = JSON.stringify(text.slice(start, start + 40));
    throw new UploadError(
      `${fileName}:${lineNo}: does not look like JSON Lines (it starts with ${preview}); each line must be one JSON object.`,
    );
  }
  const end = text.indexOf("\n", start);
  const isWholeLine = end !== -1 || bytes <= head.length;
  const firstLine = text.slice(start, end === -1 ? undefined : end).trim();
  if (isWholeLine && firstLine === "{") {
    throw new UploadError(
      `${fileName}:${lineNo}: looks like pretty-printed JSON. JSON Lines needs each object on one line; convert with: jq -c . ${fileName} > out.jsonl`,
    );
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
