import "server-only";
// Thumbnails made with sharp and cached on disk (keyed by dataset, base, normalised path and
// width), so a grid of 60 pairs costs 120 cache reads after the first visit. Decoding is bounded
// by a pixel limit: a decompression bomb is refused with 413, a file sharp can't read with 422.
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { dataDir } from "../env";
import { ImageError } from "./errors";
import { normaliseImagePath } from "./paths";
import { loadImage, type ImageSourceConfig } from "./resolve";
import { imagePolicy } from "./sources";

export const THUMB_WIDTHS = [160, 256, 384, 512] as const;

export type ServedImage = { bytes: Buffer; mimeType: string; etag: string };

function etagOf(bytes: Buffer) {
  return `"${crypto.createHash("sha1").update(bytes).digest("base64url")}"`;
}

/** The image or its thumbnail; throws ImageError (with the HTTP status to answer) when it can't. */
export async function serveImage(
  config: ImageSourceConfig & { id: number },
  imagePath: string,
  width: number | null,
): Promise<ServedImage> {
  const policy = imagePolicy();
  const ref = normaliseImagePath(imagePath);
  const spelling = ref.kind === "remote" ? ref.url.href : ref.path;
  if (width === null) {
    const original = await loadImage(config, spelling, policy);
    // The header alone (no decode): its size is checked against the limit below.
    const metadata = await sharp(original.bytes, { limitInputPixels: false })
      .metadata()
      .catch(() => null);
    if (!metadata?.width || !metadata.height) throw new ImageError(`${imagePath} could not be decoded`, "not-an-image", 422);
    if (metadata.width * metadata.height > policy.maxPixels)
      throw new ImageError(
        `${imagePath} is ${metadata.width}×${metadata.height}, over the pixel limit (RIPE_IMAGE_MAX_MEGAPIXELS)`,
        "too-large",
      );
    return { bytes: original.bytes, mimeType: original.mimeType, etag: etagOf(original.bytes) };
  }
  const key = crypto.createHash("sha256").update(`${config.id}\n${config.base}\n${spelling}\n${width}`).digest("hex");
  const file = path.join(dataDir(), "cache", "thumbs", key.slice(0, 2), `${key}.webp`);
  const etag = `"${key.slice(0, 27)}"`;
  const cached = await fs.readFile(file).catch(() => null);
  if (cached) return { bytes: cached, mimeType: "image/webp", etag };
  const original = await loadImage(config, spelling, policy);
  let bytes: Buffer;
  try {
    bytes = await sharp(original.bytes, { limitInputPixels: policy.maxPixels })
      .rotate()
      .resize({ width, height: width, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 78 })
      .toBuffer();
  } catch (error) {
    const message = (error as Error).message;
    if (/pixel limit/i.test(message)) throw new ImageError(`${imagePath} is over the pixel limit (RIPE_IMAGE_MAX_MEGAPIXELS)`, "too-large");
    throw new ImageError(`${imagePath} could not be decoded`, "not-an-image", 422);
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${crypto.randomBytes(4).toString("hex")}.part`;
  await fs.writeFile(partial, bytes);
  await fs.rename(partial, file);
  return { bytes, mimeType: "image/webp", etag };
}
