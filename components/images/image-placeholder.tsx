"use client";
// Stands in for an image that could not be loaded: a short reason ("No base set", "Source
// offline"…) and, in the tooltip and for screen readers, the route's full sentence.
import { FAILURE_LABELS, type ImageFailureInfo } from "@/lib/browse/image-failure";

export type ImagePlaceholderProps = { label: string; failure: ImageFailureInfo | null; isCompact?: boolean };

/** A hatched tile, so a missing image never looks like a dark photo. */
const PLACEHOLDER_CLASS =
  "flex h-full w-full flex-col items-center justify-center gap-1 " +
  "bg-[repeating-linear-gradient(135deg,#171717_0_8px,#1f1f1f_8px_16px)] px-2 text-center";

export function ImagePlaceholder({ label, failure, isCompact = false }: ImagePlaceholderProps) {
  const reason = failure ? FAILURE_LABELS[failure.reason] : "Could not load";
  return (
    <div
      role="img"
      aria-label={`${label}: ${reason}${failure ? `. ${failure.message}` : ""}`}
      title={failure?.message ?? `${label} could not be loaded`}
      data-testid="image-placeholder"
      data-reason={failure?.reason ?? "pending"}
      className={`${PLACEHOLDER_CLASS} ${isCompact ? "text-[11px]" : "text-sm"}`}
    >
      <span aria-hidden className={`${isCompact ? "text-base" : "text-2xl"} text-rose-300/80`}>
        ⊘
      </span>
      <span className="font-medium text-rose-200">{reason}</span>
      {!isCompact && failure && <span className="line-clamp-3 max-w-md text-xs text-neutral-400">{failure.message}</span>}
    </div>
  );
}
