// One resolver turns a manifest path into bytes (DESIGN.md §3): local mirror folders first,
// then the dataset base (folder or URL), then the absolute URL. Paths cannot escape their
// folders, and remote fetches go only to configured bases. Fetched bytes are cached on disk.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { CDN_BASE } from "../taxonomy";
import { resolveDataDir } from "../db/client";

export type ImageBytes = { bytes: Buffer; mimeType: string; origin: string };
export type ImageSourceConfig = { base: string | null; mirrors: readonly string[] };

const MIME_BY_EXT: Record<string, string> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".avif": "image/avif",
};

export function mimeTypeOf(file: string): string {
  return MIME_BY_EXT[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

export function isRemote(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** Joins a relative path onto a folder, refusing anything that would land outside it. */
export function safeJoin(folder: string, relative: string): string | null {
  if (relative.includes("\0")) return null;
  const root = path.resolve(folder);
  const target = path.resolve(root, relative.replace(/^\/+/, ""));
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  return target;
}

/** Joins a relative path onto a URL base, refusing results outside the base. */
export function safeUrlJoin(base: string, relative: string): string | null {
  const normalisedBase = base.endsWith("/") ? base : `${base}/`;
  try {
    const url = new URL(relative.replace(/^\/+/, ""), normalisedBase);
    return url.href.startsWith(normalisedBase) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Remote prefixes Ripe may fetch from: the dataset's own base, the Pico-Banana CDN, Flickr's
 * static hosts (Open Images sources), plus RIPE_REMOTE_BASES (comma-separated). Nothing else.
 */
export function allowedRemoteBases(config: ImageSourceConfig): string[] {
  const fromEnv = (process.env.RIPE_REMOTE_BASES ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const bases = [CDN_BASE, ...fromEnv];
  if (config.base && isRemote(config.base)) bases.push(config.base);
  return bases;
}

function isAllowedRemote(url: string, config: ImageSourceConfig): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return false;
  if (/(^|\.)staticflickr\.com$/i.test(parsed.hostname) && process.env.RIPE_FETCH_FLICKR !== "0") return true;
  return allowedRemoteBases(config).some((base) => parsed.href.startsWith(base.endsWith("/") ? base : `${base}/`));
}

async function readIfFile(file: string | null): Promise<Buffer | null> {
  if (!file) return null;
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
}

function cacheFile(url: string): string {
  const hash = crypto.createHash("sha256").update(url).digest("hex");
  return path.join(resolveDataDir(), "cache", "remote", hash.slice(0, 2), hash + path.extname(new URL(url).pathname));
}

async function fetchRemote(url: string): Promise<Buffer | null> {
  const cached = await readIfFile(cacheFile(url));
  if (cached) return cached;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000), redirect: "follow" });
    if (!response.ok) return null;
    const bytes = Buffer.from(await response.arrayBuffer());
    const file = cacheFile(url);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, bytes);
    return bytes;
  } catch {
    return null;
  }
}

/** Candidate local files for an image path, in lookup order (mirrors by path, then by file name). */
export function localCandidates(config: ImageSourceConfig, imagePath: string): string[] {
  const files: string[] = [];
  const relative = isRemote(imagePath) ? null : imagePath;
  const fileName = path.basename(isRemote(imagePath) ? new URL(imagePath).pathname : imagePath);
  for (const mirror of config.mirrors) {
    if (relative) {
      const joined = safeJoin(mirror, relative);
      if (joined) files.push(joined);
    }
    const byName = safeJoin(mirror, fileName);
    if (byName) files.push(byName);
  }
  if (relative && config.base && !isRemote(config.base)) {
    const joined = safeJoin(config.base, relative);
    if (joined) files.push(joined);
  }
  return files;
}

export async function resolveImage(config: ImageSourceConfig, imagePath: string): Promise<ImageBytes | null> {
  for (const file of localCandidates(config, imagePath)) {
    const bytes = await readIfFile(file);
    if (bytes) return { bytes, mimeType: mimeTypeOf(file), origin: file };
  }
  const remoteUrl = isRemote(imagePath)
    ? imagePath
    : config.base && isRemote(config.base)
      ? safeUrlJoin(config.base, imagePath)
      : null;
  if (remoteUrl && isAllowedRemote(remoteUrl, config)) {
    const bytes = await fetchRemote(remoteUrl);
    if (bytes) return { bytes, mimeType: mimeTypeOf(new URL(remoteUrl).pathname), origin: remoteUrl };
  }
  return null;
}
