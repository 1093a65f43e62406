"use client";
// The parameters of the current mode, under the canvas: swipe position, onion opacity,
// difference statistics and legend, blink pause.
import type { ReactNode } from "react";
import { DIFF_CHANGED_THRESHOLD, describeDifference, heatmapColor } from "@/lib/canvas/difference";
import { DEFAULT_MODE_PARAMS, type CompareModeState, type ModeParams } from "@/lib/canvas/modes";
import type { BlinkSide } from "./use-blink";
import type { DifferenceState } from "./use-difference";

export type ModeControlsProps = {
  modeState: CompareModeState;
  params: ModeParams;
  onParamsChange: (params: ModeParams) => void;
  difference: DifferenceState;
  blinkSide: BlinkSide;
  leftLabel: string;
  rightLabel: string;
};

const smallButton =
  "rounded border border-neutral-700 px-2 py-0.5 text-xs text-neutral-300 hover:bg-neutral-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-amber-400";

// CSS gradient built from the same ramp the heatmap uses, so the legend cannot drift.
const LEGEND = `linear-gradient(to right, ${[8, 40, 72, 104, 128]
  .map((level) => {
    const [r, g, b, a] = heatmapColor(level);
    return `rgba(${r},${g},${b},${(a / 255).toFixed(2)})`;
  })
  .join(", ")})`;

export function ModeControls({ modeState, params, onParamsChange, difference, blinkSide, leftLabel, rightLabel }: ModeControlsProps) {
  const update = (patch: Partial<ModeParams>) => onParamsChange({ ...params, ...patch });
  let body: ReactNode;
  switch (modeState.mode) {
    case "side-by-side":
      body = (
        <span>
          Zoom and pan are locked between {leftLabel} and {rightLabel}. Scroll to zoom, drag to pan.
        </span>
      );
      break;
    case "swipe":
      body = (
        <>
          <span>
            Divider at <span className="tabular-nums text-neutral-200">{Math.round(modeState.split * 100)}%</span> — drag it or focus it and
            use the arrow keys.
          </span>
          <button type="button" className={smallButton} onClick={() => update({ swipeSplit: DEFAULT_MODE_PARAMS.swipeSplit })}>
            Centre
          </button>
        </>
      );
      break;
    case "onion":
      body = (
        <label className="flex items-center gap-2">
          <span>{rightLabel} opacity</span>
          <input
            type="range"
            min={0}
            max={100}
            value={Math.round(modeState.opacity * 100)}
            onChange={(event) => update({ onionOpacity: Number(event.target.value) / 100 })}
            className="w-40 accent-amber-400"
            aria-label={`${rightLabel} opacity`}
          />
          <span className="w-10 tabular-nums text-neutral-200">{Math.round(modeState.opacity * 100)}%</span>
        </label>
      );
      break;
    case "difference":
      body = (
        <>
          <span className="flex items-center gap-2">
            <span aria-hidden className="inline-block h-2.5 w-24 rounded-sm border border-neutral-700" style={{ background: LEGEND }} />
            <span>same → different</span>
          </span>
          {difference.status === "computing" && <span role="status">Computing difference…</span>}
          {difference.status === "ready" && (
            <span
              data-testid="difference-stats"
              title={`Changed = luminance-weighted difference above ${DIFF_CHANGED_THRESHOLD}/255, measured in the common frame`}
            >
              <span className="text-neutral-200">{describeDifference(difference.stats)}</span>
              <span className="ml-2 text-neutral-500">({difference.elapsedMs.toFixed(0)} ms)</span>
            </span>
          )}
          {difference.status === "idle" && <span>Needs both images.</span>}
          {difference.status === "error" && (
            <span role="alert" className="text-red-400">
              {difference.message}
            </span>
          )}
        </>
      );
      break;
    case "blink":
      body = (
        <>
          <span>
            Showing <span className="text-amber-300">{blinkSide === "left" ? leftLabel : rightLabel}</span>
            {modeState.isPaused ? " (paused)" : ` — switching every ${modeState.intervalMs} ms`}
          </span>
          <button
            type="button"
            className={smallButton}
            onClick={() => update({ isBlinkPaused: !modeState.isPaused })}
            aria-pressed={modeState.isPaused}
          >
            {modeState.isPaused ? "Resume" : "Pause"}
          </button>
        </>
      );
      break;
  }
  return <div className="flex min-h-7 flex-wrap items-center gap-3 text-xs text-neutral-400">{body}</div>;
}
