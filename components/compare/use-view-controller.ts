"use client";
// Turns pointer, wheel, button and key input into new views. The view itself is owned by the
// parent (so it persists across items); this hook clamps it to the current frame and keeps the
// latest emitted view in a ref, so a burst of wheel events between renders accumulates instead
// of each starting from the same stale view.
import { useCallback, useLayoutEffect, useMemo, useRef } from "react";
import type { CommonFrame } from "@/lib/canvas/common-frame";
import type { Point, Size } from "@/lib/canvas/geometry";
import {
  clampView,
  DEFAULT_ZOOM_LIMITS,
  fitView,
  imagePixelScale,
  oneToOneView,
  panBy,
  zoomAbout,
  zoomAtCenter,
  zoomLimits,
  ZOOM_STEP,
  type ViewState,
} from "@/lib/canvas/view";

export type ViewController = ReturnType<typeof useViewController>;

export function useViewController(view: ViewState, onViewChange: (view: ViewState) => void, layout: CommonFrame | null, viewport: Size) {
  const isReady = !!layout && viewport.width > 0 && viewport.height > 0;
  const limits = useMemo(
    () => (layout && isReady ? zoomLimits([layout.source, layout.edit], viewport, layout.frame) : DEFAULT_ZOOM_LIMITS),
    [layout, isReady, viewport],
  );
  const effective = useMemo(
    () => (layout && isReady ? clampView(view, viewport, layout.frame, limits) : view),
    [view, viewport, layout, isReady, limits],
  );

  const latest = useRef(effective);
  useLayoutEffect(() => {
    latest.current = effective;
  }, [effective]);

  const emit = useCallback(
    (next: ViewState) => {
      latest.current = next;
      onViewChange(next);
    },
    [onViewChange],
  );

  const apply = useCallback(
    (change: (current: ViewState, frame: Size) => ViewState) => {
      if (!layout || !isReady) return;
      emit(change(latest.current, layout.frame));
    },
    [layout, isReady, emit],
  );

  return {
    view: effective,
    limits,
    isReady,
    /** Screen pixels per edit pixel (right image), for the zoom read-out. */
    pixelScale: layout && isReady ? imagePixelScale(effective, layout.edit, viewport, layout.frame) : 0,
    zoomAt: (factor: number, point: Point) => apply((current, frame) => zoomAbout(current, factor, point, viewport, frame, limits)),
    pan: (dx: number, dy: number) => apply((current, frame) => panBy(current, dx, dy, viewport, frame, limits)),
    zoomIn: () => apply((current, frame) => zoomAtCenter(current, ZOOM_STEP, viewport, frame, limits)),
    zoomOut: () => apply((current, frame) => zoomAtCenter(current, 1 / ZOOM_STEP, viewport, frame, limits)),
    fit: () => apply(() => fitView()),
    /** 1:1 for the edit (right image): one screen pixel per edit pixel. */
    oneToOne: () => apply((current, frame) => (layout ? oneToOneView(current, layout.edit, viewport, frame, limits) : current)),
  };
}
