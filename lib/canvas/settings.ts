// Persisted compare settings ({mode, view}) so mode, zoom and centre carry from item to item.
// Parsing is defensive: localStorage is user-editable and outlives code changes.
import { DEFAULT_COMPARE_MODE, isCompareMode, type CompareMode } from "./modes";
import { fitView, type ViewState } from "./view";

export type CompareSettings = { mode: CompareMode; view: ViewState };

export const COMPARE_SETTINGS_KEY = "ripe.compare";

export function defaultCompareSettings(): CompareSettings {
  return { mode: DEFAULT_COMPARE_MODE, view: fitView() };
}

function finiteOr(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === "number" && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

/** Anything unreadable falls back field by field to the defaults. */
export function parseCompareSettings(raw: string | null | undefined): CompareSettings {
  const defaults = defaultCompareSettings();
  if (!raw) return defaults;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return defaults;
  }
  if (typeof parsed !== "object" || parsed === null) return defaults;
  const record = parsed as { mode?: unknown; view?: { zoom?: unknown; centerX?: unknown; centerY?: unknown } };
  const view = typeof record.view === "object" && record.view !== null ? record.view : {};
  return {
    mode: isCompareMode(record.mode) ? record.mode : defaults.mode,
    view: {
      zoom: finiteOr(view.zoom, 1, 1e-3, 1e4),
      centerX: finiteOr(view.centerX, 0.5, 0, 1),
      centerY: finiteOr(view.centerY, 0.5, 0, 1),
    },
  };
}

export function serializeCompareSettings(settings: CompareSettings): string {
  return JSON.stringify({ mode: settings.mode, view: settings.view });
}
