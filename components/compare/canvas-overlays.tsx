"use client";
// HTML laid over the stage: image labels per pane, and the loading / missing states. Text
// stays crisp and selectable, and tests can find it by role.
import { FAILURE_LABELS, type ImageFailureInfo } from "@/lib/browse/image-failure";
import type { CompareMode } from "@/lib/canvas/modes";
import type { Pane } from "@/lib/canvas/panes";
import type { BlinkSide } from "./use-blink";
import type { LoadedImage } from "./use-loaded-image";

type Side = { label: string; url: string; status: LoadedImage["status"]; failure?: ImageFailureInfo | null };

export type CanvasOverlaysProps = { panes: readonly Pane[]; mode: CompareMode; left: Side; right: Side; blinkSide: BlinkSide };

const chip =
  "pointer-events-none absolute top-2 rounded bg-neutral-950/80 px-2 py-0.5 text-xs font-medium text-neutral-200 ring-1 ring-neutral-700";

function labelsFor(mode: CompareMode, pane: Pane, left: Side, right: Side, blinkSide: BlinkSide) {
  switch (mode) {
    case "side-by-side":
      return pane.side === "left" ? [{ text: left.label, align: "left" as const }] : [{ text: right.label, align: "left" as const }];
    case "swipe":
      return [
        { text: left.label, align: "left" as const },
        { text: right.label, align: "right" as const },
      ];
    case "onion":
      return [{ text: `${right.label} over ${left.label}`, align: "left" as const }];
    case "difference":
      return [{ text: `Difference ${left.label} ↔ ${right.label}`, align: "left" as const }];
    case "blink":
      return [{ text: blinkSide === "left" ? left.label : right.label, align: "left" as const }];
  }
}

function StatusMessage({ sides }: { sides: Side[] }) {
  const missing = sides.filter((side) => side.status === "error");
  const loading = sides.filter((side) => side.status === "loading");
  if (missing.length === 0 && loading.length === 0) return null;
  return (
    <div className="pointer-events-none flex flex-col items-center gap-1 text-center text-sm">
      {missing.map((side) => (
        <div
          key={`missing-${side.label}`}
          role="alert"
          data-image-status="missing"
          data-reason={side.failure?.reason ?? "pending"}
          className="max-w-md rounded bg-red-950/80 px-3 py-1.5 text-red-200 ring-1 ring-red-800"
        >
          Image missing: {side.label} — {side.failure ? FAILURE_LABELS[side.failure.reason] : "could not be loaded"}
          {side.failure && <div className="text-xs text-red-200/80">{side.failure.message}</div>}
        </div>
      ))}
      {loading.map((side) => (
        <div
          key={`loading-${side.label}`}
          role="status"
          data-image-status="loading"
          className="rounded bg-neutral-900/80 px-3 py-1.5 text-neutral-300"
        >
          Loading {side.label}…
        </div>
      ))}
    </div>
  );
}

export function CanvasOverlays({ panes, mode, left, right, blinkSide }: CanvasOverlaysProps) {
  return (
    <>
      {panes.map((pane) => {
        // Side by side: each pane reports its own image; otherwise one combined message.
        const sides = pane.side === "left" ? [left] : pane.side === "right" ? [right] : [left, right];
        return (
          <div
            key={pane.side}
            className="pointer-events-none absolute"
            style={{ left: pane.x, top: pane.y, width: pane.width, height: pane.height }}
          >
            {labelsFor(mode, pane, left, right, blinkSide).map((label) => (
              <span key={label.align} className={`${chip} ${label.align === "left" ? "left-2" : "right-2"}`}>
                {label.text}
              </span>
            ))}
            <div className="absolute inset-0 flex items-center justify-center">
              <StatusMessage sides={sides} />
            </div>
          </div>
        );
      })}
    </>
  );
}
