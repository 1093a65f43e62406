// One resolver turns a manifest path into bytes (DESIGN.md §3): the dataset's mirror folders
// first, then its base (a folder or a URL), then the path's own URL. What may be read is the
// operator's (lib/images/sources): folders under the image roots, URLs under allowed prefixes.
// Paths are normalised once and may not leave their folder; only real images are returned.
import path from "node:path";
import { ImageError } from "./errors";
import { isRemote, normaliseImagePath, readContained } from "./paths";
import { fetchRemote } from "./remote";
import { sniffImageType } from "./sniff";
import { fetchS3 } from "./s3";
import { parseS3 } from "./s3-location";
import { allowedFolder, imagePolicy, isAllowedS3, type ImagePolicy } from "./sources";

export { ImageError } from "./errors";
export { isRemote, safeJoin } from "./paths";

export type ImageBytes = { bytes: Buffer; mimeType: string; origin: string };
export type ImageSourceConfig = { base: string | null; mirrors: readonly string[] };

function asImage(bytes: Buffer, origin: string, label: string): ImageBytes {
  const mimeType = sniffImageType(bytes);
  if (!mimeType) throw new ImageError(`${label} is not an image (JPEG, PNG, GIF, WebP or AVIF)`, "not-an-image");
  return { bytes, mimeType, origin };
}

/** Joins a relative path onto a URL base, refusing results outside the base. */
export function safeUrlJoin(base: string, relative: string): URL | null {
  const normalisedBase = base.endsWith("/") ? base : `${base}/`;
  try {
    const url = new URL(relative.replace(/^\/+/, ""), normalisedBase);
    return url.href.startsWith(normalisedBase) ? url : null;
  } catch {
    return null;
  }
}

async function fromFolders(folders: string[], relative: string, label: string, policy: ImagePolicy): Promise<ImageBytes | null> {
  for (const folder of folders) {
    const found = await readContained(folder, relative, policy.maxRemoteBytes);
    if (found) return asImage(found.bytes, found.file, label);
  }
  return null;
}

/** The image's bytes and type; throws ImageError saying why not (no base, refused, too large…). */
export async function loadImage(config: ImageSourceConfig, imagePath: string, policy: ImagePolicy = imagePolicy()): Promise<ImageBytes> {
  const ref = normaliseImagePath(imagePath);
  const mirrors = config.mirrors.map((mirror) => allowedFolder(mirror, policy)).filter((folder): folder is string => folder !== null);
  const fileName = path.posix.basename(ref.kind === "remote" ? ref.url.pathname : ref.path);
  if (ref.kind === "relative") {
    const found = await fromFolders(mirrors, ref.path, imagePath, policy);
    if (found) return found;
  }
  if (fileName) {
    const byName = await fromFolders(mirrors, fileName, imagePath, policy);
    if (byName) return byName;
  }
  if (ref.kind === "remote") return asImage(await fetchRemote(ref.url, policy), ref.url.href, imagePath);

  const base = config.base?.trim();
  if (!base) {
    throw new ImageError(
      `${imagePath} is a relative path and the dataset has no base: an admin sets one in the dataset's settings`,
      "no-base",
    );
  }
  if (base.startsWith("s3://")) {
    const prefix = parseS3(base.endsWith("/") ? base : `${base}/`);
    const location = prefix && { bucket: prefix.bucket, key: prefix.key + ref.path };
    if (!location || !isAllowedS3(location, policy))
      throw new ImageError(`the dataset's base ${base} is not under an allowed S3 base (RIPE_S3_BASES)`, "refused");
    return asImage(await fetchS3(location, policy), `s3://${location.bucket}/${location.key}`, imagePath);
  }
  if (isRemote(base)) {
    const url = safeUrlJoin(base, ref.path);
    if (!url) throw new ImageError(`${imagePath} leaves the dataset's base`, "refused");
    return asImage(await fetchRemote(url, policy), url.href, imagePath);
  }
  const folder = allowedFolder(base, policy);
  if (!folder) throw new ImageError(`the dataset's base ${base} is not a folder under an image root (RIPE_IMAGE_ROOTS)`, "refused");
  const found = await fromFolders([folder], ref.path, imagePath, policy);
  if (!found) throw new ImageError(`${imagePath} is not in the dataset's base folder`, "not-found");
  return found;
}

/** As loadImage, but null when the image can't be had (the judge and metrics skip such items). */
export async function resolveImage(config: ImageSourceConfig, imagePath: string): Promise<ImageBytes | null> {
  try {
    return await loadImage(config, imagePath);
  } catch (error) {
    if (error instanceof ImageError) return null;
    throw error;
  }
}
