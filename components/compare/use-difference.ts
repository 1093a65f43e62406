"use client";
// Difference mode, computed in the browser: both images are drawn contain-fitted into offscreen
// canvases of the common frame (longest side bounded by DIFF_MAX_SIDE), compared pixel by pixel
// and the heatmap is returned as a canvas the stage draws over the frame. The placement
// (differenceLayout) and the comparison are shared with the metrics judge, so its "pixels
// changed" is this number.
import { useEffect, useState } from "react";
import type { CommonFrame } from "@/lib/canvas/common-frame";
import { differenceHeatmap, differenceLayout, type DifferenceStats } from "@/lib/canvas/difference";
import type { Rect } from "@/lib/canvas/geometry";

export type DifferenceState =
  | { status: "idle" }
  | { status: "computing" }
  | { status: "ready"; canvas: HTMLCanvasElement; stats: DifferenceStats; elapsedMs: number }
  | { status: "error"; message: string };

function drawFitted(image: HTMLImageElement, rect: Rect, width: number, height: number): ImageData {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("Canvas 2D is unavailable in this browser");
  context.imageSmoothingQuality = "high";
  context.drawImage(image, rect.x, rect.y, rect.width, rect.height);
  return context.getImageData(0, 0, width, height);
}

function compute(left: HTMLImageElement, right: HTMLImageElement, layout: CommonFrame): DifferenceState {
  const started = performance.now();
  const { width, height, source, edit } = differenceLayout(layout);
  try {
    const a = drawFitted(left, source, width, height);
    const b = drawFitted(right, edit, width, height);
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("Canvas 2D is unavailable in this browser");
    // The heatmap is written straight into the ImageData buffer: no extra copy.
    const output = context.createImageData(width, height);
    const { stats } = differenceHeatmap(a.data, b.data, width, height, output.data);
    context.putImageData(output, 0, 0);
    return { status: "ready", canvas, stats, elapsedMs: performance.now() - started };
  } catch (error) {
    const isTainted = error instanceof DOMException && error.name === "SecurityError";
    return {
      status: "error",
      message: isTainted
        ? "Difference unavailable: an image came from another origin without CORS, so its pixels cannot be read."
        : `Difference failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

const IDLE: DifferenceState = { status: "idle" };
const COMPUTING: DifferenceState = { status: "computing" };

export function useDifference(
  isActive: boolean,
  left: HTMLImageElement | null,
  right: HTMLImageElement | null,
  layout: CommonFrame | null,
): DifferenceState {
  // The last result with the inputs it was computed from: "idle" and "computing" are derived.
  const [done, setDone] = useState<{ left: HTMLImageElement; right: HTMLImageElement; layout: CommonFrame; state: DifferenceState } | null>(
    null,
  );

  useEffect(() => {
    if (!isActive || !left || !right || !layout) return;
    // Yield one frame so "computing" paints before the (tens of ms) synchronous work.
    const handle = window.requestAnimationFrame(() => setDone({ left, right, layout, state: compute(left, right, layout) }));
    return () => window.cancelAnimationFrame(handle);
  }, [isActive, left, right, layout]);

  if (!isActive || !left || !right || !layout) return IDLE;
  if (done && done.left === left && done.right === right && done.layout === layout) return done.state;
  return COMPUTING;
}
