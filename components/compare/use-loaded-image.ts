"use client";
// Loads one image for the canvas. crossOrigin="anonymous" keeps the canvas untainted so the
// difference mode can read pixels (images come same-origin from /api/images/…). A missing image
// (the route answers 404) becomes a clear "error" state, never a thrown error; its reason (no
// base set, source offline…) follows from the route's JSON answer.
import { useEffect, useMemo, useState } from "react";
import type { ImageFailureInfo } from "@/lib/browse/image-failure";
import type { Size } from "@/lib/canvas/geometry";
import { fetchImageFailure } from "@/components/images/image-failure";

export type LoadedImage =
  | { status: "loading"; image: null; size: null }
  | { status: "loaded"; image: HTMLImageElement; size: Size }
  | { status: "error"; image: null; size: null; failure: ImageFailureInfo | null };

type State = { url: string; result: LoadedImage };

// Decoded images shared with prefetching (preloadImage), so the next item draws without waiting.
const decoded = new Map<string, HTMLImageElement>();
const MAX_DECODED = 60;

function remember(url: string, image: HTMLImageElement) {
  decoded.delete(url);
  decoded.set(url, image);
  if (decoded.size > MAX_DECODED) decoded.delete(decoded.keys().next().value!);
}

function loadedFromCache(url: string): LoadedImage | null {
  const image = decoded.get(url);
  if (!image || !image.complete || image.naturalWidth === 0) return null;
  return { status: "loaded", image, size: { width: image.naturalWidth, height: image.naturalHeight } };
}

/** Starts loading and decoding an image ahead of time (neighbours of the current item). */
export function preloadImage(url: string): void {
  if (decoded.has(url)) return;
  const image = new window.Image();
  image.crossOrigin = "anonymous";
  image.src = url;
  void image.decode().catch(() => decoded.delete(url));
  remember(url, image);
}

const LOADING: LoadedImage = { status: "loading", image: null, size: null };

export function useLoadedImage(url: string): LoadedImage {
  const [state, setState] = useState<State>(() => ({ url, result: LOADING }));

  // An image decoded before (a neighbour preloaded, or seen earlier) is shown from the cache.
  const cached = useMemo(() => loadedFromCache(url), [url]);

  useEffect(() => {
    if (loadedFromCache(url)) return;
    let isCurrent = true;
    const image = new window.Image();
    image.crossOrigin = "anonymous";
    image.decoding = "async";
    image.onload = () => {
      if (!isCurrent) return;
      const size = { width: image.naturalWidth, height: image.naturalHeight };
      remember(url, image);
      if (size.width > 0 && size.height > 0) setState({ url, result: { status: "loaded", image, size } });
      else fail();
    };
    const fail = () => {
      setState({ url, result: { status: "error", image: null, size: null, failure: null } });
      void fetchImageFailure(url).then((failure) => {
        if (isCurrent) setState({ url, result: { status: "error", image: null, size: null, failure } });
      });
    };
    image.onerror = () => {
      if (isCurrent) fail();
    };
    image.src = url;
    return () => {
      isCurrent = false;
      image.onload = null;
      image.onerror = null;
    };
  }, [url]);

  // A new url shows "loading" at once instead of the previous item's image (or its decoded copy).
  if (cached) return cached;
  return state.url === url ? state.result : LOADING;
}
