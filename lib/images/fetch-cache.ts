import "server-only";
// What every remote image source shares (http(s) and S3): a few fetches at a time per host or
// bucket, one fetch per key however many requests ask for it at once, and a disk cache of what
// was fetched — only real images are kept, written to a temp file and renamed into place.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { dataDir } from "../env";
import { ImageError } from "./errors";
import { sniffImageType } from "./sniff";

type Slots = { active: number; waiting: (() => void)[] };
const globalState = globalThis as unknown as { ripeFetchSlots?: Map<string, Slots>; ripeFetchesInFlight?: Map<string, Promise<Buffer>> };
const slots = (globalState.ripeFetchSlots ??= new Map<string, Slots>());
const inFlight = (globalState.ripeFetchesInFlight ??= new Map<string, Promise<Buffer>>());

/** Runs `work` when one of the host's `limit` slots is free; a finished fetch hands its slot on. */
export async function withHostSlot<T>(host: string, limit: number, work: () => Promise<T>): Promise<T> {
  let slot = slots.get(host);
  if (!slot) slots.set(host, (slot = { active: 0, waiting: [] }));
  const entry = slot;
  if (entry.active >= limit) await new Promise<void>((resolve) => entry.waiting.push(resolve));
  else entry.active++;
  try {
    return await work();
  } finally {
    const next = entry.waiting.shift();
    if (next) next();
    else if (--entry.active === 0) slots.delete(host);
  }
}

function cacheFile(key: string): string {
  const hash = crypto.createHash("sha256").update(key).digest("hex");
  return path.join(dataDir(), "cache", "remote", hash.slice(0, 2), hash);
}

/** The bytes cached under `key`, or fetched once by `fetcher` (concurrent callers share the fetch). */
export async function cachedFetch(key: string, fetcher: () => Promise<Buffer>): Promise<Buffer> {
  const file = cacheFile(key);
  const cached = await fs.readFile(file).catch(() => null);
  if (cached) return cached;
  const running = inFlight.get(key);
  if (running) return running;
  const work = (async () => {
    const bytes = await fetcher();
    if (!sniffImageType(bytes)) throw new ImageError(`${key.slice(0, 200)} is not an image (JPEG, PNG, GIF, WebP or AVIF)`, "not-an-image");
    await fs.mkdir(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.part`;
    await fs.writeFile(partial, bytes);
    await fs.rename(partial, file);
    return bytes;
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, work);
  return work;
}
