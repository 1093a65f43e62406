"use client";
// Loads one image for the canvas. crossOrigin="anonymous" keeps the canvas untainted so the
// difference mode can read pixels (images come same-origin from /api/images/…). A missing image
// (the route answers 404) becomes a clear "error" state, never a thrown error.
import { useEffect, useState } from "react";
import type { Size } from "@/lib/canvas/geometry";

export type LoadedImage =
  | { status: "loading"; image: null; size: null }
  | { status: "loaded"; image: HTMLImageElement; size: Size }
  | { status: "error"; image: null; size: null };

type State = { url: string; result: LoadedImage };

const LOADING: LoadedImage = { status: "loading", image: null, size: null };

export function useLoadedImage(url: string): LoadedImage {
  const [state, setState] = useState<State>({ url, result: LOADING });

  useEffect(() => {
    let isCurrent = true;
    const image = new window.Image();
    image.crossOrigin = "anonymous";
    image.decoding = "async";
    image.onload = () => {
      if (!isCurrent) return;
      const size = { width: image.naturalWidth, height: image.naturalHeight };
      setState({ url, result: size.width > 0 && size.height > 0 ? { status: "loaded", image, size } : { status: "error", image: null, size: null } });
    };
    image.onerror = () => {
      if (isCurrent) setState({ url, result: { status: "error", image: null, size: null } });
    };
    image.src = url;
    return () => {
      isCurrent = false;
      image.onload = null;
      image.onerror = null;
    };
  }, [url]);

  // A new url shows "loading" at once instead of the previous item's image.
  return state.url === url ? state.result : LOADING;
}
