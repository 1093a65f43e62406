import "server-only";
// Thumbnails made with sharp and cached on disk (keyed by dataset, path, width and the source's
// bytes), so a grid of 60 pairs costs 120 cache reads after the first visit.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { resolveDataDir } from "../db/client";
import { resolveImage, type ImageSourceConfig } from "./resolve";

export const THUMB_WIDTHS = [160, 256, 384, 512] as const;

export type ServedImage = { bytes: Buffer; mimeType: string; etag: string };

function etagOf(bytes: Buffer) {
  return `"${crypto.createHash("sha1").update(bytes).digest("base64url")}"`;
}

export async function serveImage(config: ImageSourceConfig & { id: number }, imagePath: string, width: number | null): Promise<ServedImage | null> {
  if (width === null) {
    const original = await resolveImage(config, imagePath);
    return original ? { bytes: original.bytes, mimeType: original.mimeType, etag: etagOf(original.bytes) } : null;
  }
  const key = crypto.createHash("sha256").update(`${config.id}\n${config.base}\n${imagePath}\n${width}`).digest("hex");
  const file = path.join(resolveDataDir(), "cache", "thumbs", key.slice(0, 2), `${key}.webp`);
  try {
    const bytes = await fs.readFile(file);
    return { bytes, mimeType: "image/webp", etag: `"${key.slice(0, 27)}"` };
  } catch {
    /* not cached yet */
  }
  const original = await resolveImage(config, imagePath);
  if (!original) return null;
  const bytes = await sharp(original.bytes).rotate().resize({ width, height: width, fit: "inside", withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes);
  return { bytes, mimeType: "image/webp", etag: `"${key.slice(0, 27)}"` };
}
