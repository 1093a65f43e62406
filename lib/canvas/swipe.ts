// Swipe mode: one vertical divider; the left image shows left of it, the right image right of
// it. The split is a fraction of the viewport width (not of the image) so the divider stays put
// on screen while zooming and panning.
import { clamp, type Rect, type Size } from "./geometry";

export type SwipeClip = { left: Rect; right: Rect; dividerX: number };

/** Arrow-key step of the divider; Shift or PageUp/PageDown move by SWIPE_LARGE_STEP. */
export const SWIPE_STEP = 0.02;
export const SWIPE_LARGE_STEP = 0.1;

export function clampSplit(split: number): number {
  return Number.isFinite(split) ? clamp(split, 0, 1) : 0.5;
}

export function swipeClip(split: number, viewport: Size): SwipeClip {
  const dividerX = clampSplit(split) * viewport.width;
  return {
    left: { x: 0, y: 0, width: dividerX, height: viewport.height },
    right: { x: dividerX, y: 0, width: viewport.width - dividerX, height: viewport.height },
    dividerX,
  };
}

/** Pointer x within the viewport → split. */
export function splitFromPointer(x: number, viewport: Size): number {
  return viewport.width > 0 ? clampSplit(x / viewport.width) : 0.5;
}

/** Keyboard handling for the divider (role="slider"); null = not a slider key. */
export function splitForKey(split: number, key: string, isLargeStep = false): number | null {
  const step = isLargeStep ? SWIPE_LARGE_STEP : SWIPE_STEP;
  switch (key) {
    case "ArrowLeft":
    case "ArrowDown":
      return clampSplit(split - step);
    case "ArrowRight":
    case "ArrowUp":
      return clampSplit(split + step);
    case "PageDown":
      return clampSplit(split - SWIPE_LARGE_STEP);
    case "PageUp":
      return clampSplit(split + SWIPE_LARGE_STEP);
    case "Home":
      return 0;
    case "End":
      return 1;
    default:
      return null;
  }
}
