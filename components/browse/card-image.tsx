"use client";
// One thumbnail (browse cards, pair list, session strip); when it fails, a placeholder that says why (no base set,
// source offline, 404 at the source, refused path) instead of a black box.
import { useEffect, useRef, useState } from "react";
import { fetchImageFailure } from "@/components/images/image-failure";
import { ImagePlaceholder } from "@/components/images/image-placeholder";
import type { ImageFailureInfo } from "@/lib/browse/image-failure";

type State = { status: "loading" | "loaded" } | { status: "error"; failure: ImageFailureInfo | null };

const FILL = "h-full w-full object-contain";

/** `className` sizes the image, and the placeholder in its place (default: fill the parent). */
export function CardImage({ src, alt, className = FILL }: { src: string; alt: string; className?: string }) {
  const ref = useRef<HTMLImageElement>(null);
  const [state, setState] = useState<State>({ status: "loading" });
  useEffect(() => {
    if (state.status !== "error" || state.failure) return;
    let isCurrent = true;
    void fetchImageFailure(src).then((failure) => isCurrent && setState({ status: "error", failure }));
    return () => {
      isCurrent = false;
    };
  }, [state, src]);
  // An image that failed before hydration fired its error event before React listened.
  useEffect(() => {
    const image = ref.current;
    if (image?.complete) setState(image.naturalWidth > 0 ? { status: "loaded" } : { status: "error", failure: null });
  }, [src]);

  if (state.status === "error") {
    return (
      <div className={`${className} overflow-hidden`}>
        <ImagePlaceholder label={alt} failure={state.failure} isCompact />
      </div>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element
    <img
      ref={ref}
      src={src}
      alt={alt}
      loading="lazy"
      decoding="async"
      data-image-status={state.status}
      onLoad={() => setState({ status: "loaded" })}
      onError={() => setState({ status: "error", failure: null })}
      className={className}
    />
  );
}
