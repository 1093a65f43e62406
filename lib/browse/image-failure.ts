// Why an image is missing, in words a reviewer can act on. The images route answers a failure
// as JSON { error, reason } (lib/images/errors.ts); this turns that body, or its absence, into
// the short label a placeholder shows and the sentence its tooltip carries. Pure, tested.
import { IMAGE_FAILURES, type ImageFailure } from "../images/errors";

export type ImageFailureReason = ImageFailure | "unknown";
export type ImageFailureInfo = { reason: ImageFailureReason; message: string };

export const FAILURE_LABELS: Record<ImageFailureReason, string> = {
  "no-base": "No base set",
  "not-found": "Not found at the source",
  refused: "Path refused",
  "too-large": "Image too large",
  "not-an-image": "Not an image",
  unreachable: "Source offline",
  unknown: "Could not load",
};

/** What to do about it, when the route's message does not say. */
const FALLBACK_MESSAGES: Record<ImageFailureReason, string> = {
  "no-base": "This dataset has no base or mirror for relative image paths: set one in the dataset's settings.",
  "not-found": "The source has no file at this path.",
  refused: "The path is outside the image folders and URL prefixes this server allows.",
  "too-large": "The image is larger than this server accepts.",
  "not-an-image": "The file is not a picture the browser can show.",
  unreachable: "The remote source is offline or did not answer in time.",
  unknown: "The image could not be loaded.",
};

const isReason = (value: unknown): value is ImageFailure =>
  typeof value === "string" && (IMAGE_FAILURES as readonly string[]).includes(value);

/** From the route's failed answer: its status and (parsed JSON) body, if it had one. */
export function describeImageFailure(status: number, body: unknown): ImageFailureInfo {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const reason: ImageFailureReason = isReason(record.reason)
    ? record.reason
    : status === 403
      ? "refused"
      : status === 404
        ? "not-found"
        : status === 413
          ? "too-large"
          : status === 415 || status === 422
            ? "not-an-image"
            : status === 502 || status === 504
              ? "unreachable"
              : status >= 200 && status < 300
                ? "not-an-image" // bytes arrived but the browser could not decode them
                : "unknown";
  const message = typeof record.error === "string" && record.error.trim() ? record.error.trim() : FALLBACK_MESSAGES[reason];
  return { reason, message };
}

/** When the request itself failed (Ripe's server down, network gone). */
export const SERVER_UNREACHABLE: ImageFailureInfo = { reason: "unknown", message: "Ripe's server did not answer the image request." };
