"use client";
// Zoom controls for the three-up view (the compare canvas has its own toolbar with modes).
import type { ViewController } from "@/components/compare/use-view-controller";
import { isSameView, fitView } from "@/lib/canvas/view";

const button = "rounded px-2 py-1 text-xs font-medium text-neutral-300 hover:bg-neutral-800 disabled:opacity-40";

export function ZoomBar({ controller }: { controller: ViewController }) {
  const zoomText = controller.pixelScale > 0 ? `${Math.round(controller.pixelScale * 100)}%` : "—";
  return (
    <div role="group" aria-label="Zoom" className="ml-auto flex items-center gap-1 rounded-md border border-neutral-800 bg-neutral-900 p-1">
      <button
        type="button"
        className={button}
        onClick={controller.zoomOut}
        disabled={!controller.isReady}
        aria-label="Zoom out"
        title="Zoom out (-)"
      >
        −
      </button>
      <span
        className="min-w-[3.5rem] text-center font-mono text-xs tabular-nums text-neutral-400"
        title="Screen pixels per edit pixel"
        data-testid="compare-zoom"
      >
        {zoomText}
      </span>
      <button
        type="button"
        className={button}
        onClick={controller.zoomIn}
        disabled={!controller.isReady}
        aria-label="Zoom in"
        title="Zoom in (+)"
      >
        +
      </button>
      <button
        type="button"
        className={`${button} ${isSameView(controller.view, fitView()) ? "text-amber-300" : ""}`}
        onClick={controller.fit}
        disabled={!controller.isReady}
        title="Fit the whole frame (0)"
      >
        Fit
      </button>
      <button
        type="button"
        className={button}
        onClick={controller.oneToOne}
        disabled={!controller.isReady}
        title="One screen pixel per edit pixel"
      >
        1:1
      </button>
    </div>
  );
}
