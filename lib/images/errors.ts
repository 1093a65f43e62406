// Why an image could not be served, as the images route answers it: a status and a short reason
// the UI turns into a placeholder ("no base set", "refused path", "source offline"…).
export const IMAGE_FAILURES = ["no-base", "not-found", "refused", "too-large", "not-an-image", "unreachable"] as const;
export type ImageFailure = (typeof IMAGE_FAILURES)[number];

const STATUS: Record<ImageFailure, number> = {
  "no-base": 404,
  "not-found": 404,
  refused: 403,
  "too-large": 413,
  "not-an-image": 415,
  unreachable: 502,
};

export class ImageError extends Error {
  constructor(
    message: string,
    public readonly reason: ImageFailure,
    public readonly status = STATUS[reason],
  ) {
    super(message);
    this.name = "ImageError";
  }
}
