"use client";
// Mode buttons (with their 1–5 keys shown) and zoom controls above the canvas.
import { COMPARE_MODES, type CompareMode } from "@/lib/canvas/modes";
import { Kbd } from "@/components/keymap/kbd";
import { matchKey, modeAction, type KeyScope } from "@/lib/keymap";

export type ModeToolbarProps = {
  mode: CompareMode;
  onModeChange: (mode: CompareMode) => void;
  /** Screen pixels per edit pixel; 0 while nothing is loaded. */
  pixelScale: number;
  isFit: boolean;
  canZoom: boolean;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  onOneToOne: () => void;
  /** The page's shortcut scopes: a mode's key is shown only where it really switches the mode. */
  shortcutScopes?: readonly KeyScope[] | null;
};

const buttonBase =
  "inline-flex items-center gap-1.5 rounded px-2 py-1 text-xs font-medium transition-colors " +
  "focus-visible:outline focus-visible:outline-2 focus-visible:outline-amber-400 disabled:cursor-not-allowed disabled:opacity-40";

export function ModeToolbar(props: ModeToolbarProps) {
  const { mode, onModeChange, pixelScale, isFit, canZoom, shortcutScopes } = props;
  // On the pair page "1" and "2" label the pair: don't advertise them as mode keys there.
  const hasKey = (id: CompareMode, key: string) => Boolean(shortcutScopes) && matchKey({ key }, shortcutScopes ?? []) === modeAction(id);
  const zoomText = pixelScale > 0 ? `${Math.round(pixelScale * 100)}%` : "—";
  return (
    <div className="flex flex-wrap items-center justify-between gap-2">
      <div role="group" aria-label="Compare mode" className="flex flex-wrap gap-1 rounded-md border border-neutral-800 bg-neutral-900 p-1">
        {COMPARE_MODES.map((entry) => {
          const isActive = entry.id === mode;
          return (
            <button
              key={entry.id}
              type="button"
              aria-pressed={isActive}
              title={hasKey(entry.id, entry.key) ? `${entry.description} (${entry.key})` : entry.description}
              data-mode={entry.id}
              onClick={() => onModeChange(entry.id)}
              className={`${buttonBase} ${isActive ? "bg-amber-500/15 text-amber-300" : "text-neutral-300 hover:bg-neutral-800 hover:text-neutral-100"}`}
            >
              {hasKey(entry.id, entry.key) && <Kbd spec={entry.key} className={isActive ? "border-amber-500/40 text-amber-200" : ""} />}
              {entry.label}
            </button>
          );
        })}
      </div>
      <div role="group" aria-label="Zoom" className="flex items-center gap-1 rounded-md border border-neutral-800 bg-neutral-900 p-1">
        <button
          type="button"
          className={`${buttonBase} text-neutral-300 hover:bg-neutral-800`}
          onClick={props.onZoomOut}
          disabled={!canZoom}
          aria-label="Zoom out"
          title="Zoom out (-)"
        >
          −
        </button>
        <span
          className="min-w-[3.5rem] text-center font-mono text-xs tabular-nums text-neutral-400"
          aria-live="polite"
          title="Screen pixels per edit pixel"
          data-testid="compare-zoom"
        >
          {zoomText}
        </span>
        <button
          type="button"
          className={`${buttonBase} text-neutral-300 hover:bg-neutral-800`}
          onClick={props.onZoomIn}
          disabled={!canZoom}
          aria-label="Zoom in"
          title="Zoom in (+)"
        >
          +
        </button>
        <button
          type="button"
          className={`${buttonBase} ${isFit ? "text-amber-300" : "text-neutral-300"} hover:bg-neutral-800`}
          onClick={props.onFit}
          disabled={!canZoom}
          title="Fit the whole frame (0)"
        >
          Fit
        </button>
        <button
          type="button"
          className={`${buttonBase} text-neutral-300 hover:bg-neutral-800`}
          onClick={props.onOneToOne}
          disabled={!canZoom}
          title="One screen pixel per edit pixel"
        >
          1:1
        </button>
      </div>
    </div>
  );
}
