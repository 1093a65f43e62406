import "server-only";
// Receiving an upload: the request body streams to <data dir>/uploads/ (constant memory, up to
// RIPE_MAX_UPLOAD_MB), then its first bytes are checked for the mistakes a person can fix
// (empty, compressed, a JSON array, pretty-printed JSON, unknown keys) before any import starts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { resolveDataDir } from "../db/client";
import { detectKind, type LineKind } from "../manifest/records";

export const MAX_UPLOAD_BYTES = Math.max(1, Number(process.env.RIPE_MAX_UPLOAD_MB) || 4096) * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

export class UploadError extends Error {
  constructor(message: string, public readonly status = 400) {
    super(message);
  }
}

export function uploadsDir(): string {
  return path.join(resolveDataDir(), "uploads");
}

/** Uploads left by a server that stopped mid-import; a day old so another process's are safe. */
export function removeStaleUploads() {
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

/** A folder base must exist: storing a wrong path would break every image of the dataset. */
export function baseProblem(base: string | undefined): string | null {
  if (!base || /^https?:\/\//i.test(base)) return null;
  const resolved = path.resolve(base);
  if (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()) return null;
  return `base: the folder ${resolved} does not exist on the server; fix the path, or leave base empty to keep the dataset's base.`;
}
