// A manifest image path, normalised once: one spelling per file (so one cache entry and one
// decode), and no way out of the folder it is read from, by "..", NUL or a symlink.
import fs from "node:fs/promises";
import path from "node:path";
import { ImageError } from "./errors";

export type ImageRef = { kind: "remote"; url: URL } | { kind: "relative"; path: string };

export function isRemote(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

/** Parses and normalises a manifest path; throws ImageError("refused") for one that can't be served. */
export function normaliseImagePath(value: string): ImageRef {
  if (value.includes("\0")) throw new ImageError("image path contains a NUL character", "refused");
  if (isRemote(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ImageError(`not a valid URL: ${value.slice(0, 200)}`, "refused");
    }
    if (url.username || url.password) throw new ImageError("image URLs may not carry credentials", "refused");
    url.hash = "";
    return { kind: "remote", url };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value))
    throw new ImageError(`unsupported scheme in ${value.slice(0, 200)}: only http(s) URLs and relative paths`, "refused");
  if (value.includes("\\")) throw new ImageError("image paths use forward slashes", "refused");
  const normalised = path.posix.normalize(value.replace(/^\/+/, ""));
  if (normalised === ".." || normalised.startsWith("../") || normalised === "." || normalised === "") {
    throw new ImageError(`image path ${value.slice(0, 200)} leaves its folder`, "refused");
  }
  return { kind: "relative", path: normalised };
}

/** Joins a relative path onto a folder, refusing anything that would land outside it (lexically). */
export function safeJoin(folder: string, relative: string): string | null {
  if (relative.includes("\0")) return null;
  const root = path.resolve(folder);
  const target = path.resolve(root, relative.replace(/^\/+/, ""));
  if (target !== root && !target.startsWith(root + path.sep)) return null;
  return target;
}

export function isInside(folder: string, target: string): boolean {
  return target === folder || target.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

/**
 * Reads `relative` under `folder` after resolving symlinks: the real file must lie inside the real
 * folder, be a regular file and at most maxBytes. Null when there is no such file.
 */
export async function readContained(folder: string, relative: string, maxBytes: number): Promise<{ file: string; bytes: Buffer } | null> {
  const joined = safeJoin(folder, relative);
  if (!joined) throw new ImageError(`image path ${relative.slice(0, 200)} leaves its folder`, "refused");
  let realFolder: string;
  let realFile: string;
  try {
    realFolder = await fs.realpath(folder);
    realFile = await fs.realpath(joined);
  } catch {
    return null;
  }
  if (!isInside(realFolder, realFile)) throw new ImageError(`image path ${relative.slice(0, 200)} links outside its folder`, "refused");
  const handle = await fs.open(realFile, "r").catch(() => null);
  if (!handle) return null;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return null;
    if (stat.size > maxBytes)
      throw new ImageError(
        `${relative.slice(0, 200)} is ${Math.round(stat.size / 1e6)} MB, over the ${Math.round(maxBytes / 1e6)} MB image limit`,
        "too-large",
      );
    return { file: realFile, bytes: await handle.readFile() };
  } finally {
    await handle.close();
  }
}
