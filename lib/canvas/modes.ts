// Compare modes as data: the toolbar, the keymap (1–5) and the stage all read this list.
// A mode's parameters travel with it in CompareModeState, a discriminated union, so the stage
// switches on `mode` and never juggles a handful of booleans.

export const COMPARE_MODES = [
  { id: "side-by-side", label: "Side by side", key: "1", description: "Both images next to each other, zoom and pan locked together" },
  { id: "swipe", label: "Swipe", key: "2", description: "Drag a divider across: left image on one side, right image on the other" },
  { id: "onion", label: "Onion skin", key: "3", description: "Right image over the left one at adjustable opacity" },
  {
    id: "difference",
    label: "Difference",
    key: "4",
    description: "Heatmap of per-pixel luminance-weighted difference in the common frame",
  },
  { id: "blink", label: "Blink", key: "5", description: "Alternate between the two images; pausable" },
] as const;

export type CompareMode = (typeof COMPARE_MODES)[number]["id"];
export const COMPARE_MODE_IDS: readonly CompareMode[] = COMPARE_MODES.map((mode) => mode.id);
export const DEFAULT_COMPARE_MODE: CompareMode = "side-by-side";

/** Parameters of every mode, kept together so switching modes does not forget them. */
export type ModeParams = { swipeSplit: number; onionOpacity: number; blinkIntervalMs: number; isBlinkPaused: boolean };
export const DEFAULT_MODE_PARAMS: ModeParams = { swipeSplit: 0.5, onionOpacity: 0.5, blinkIntervalMs: 500, isBlinkPaused: false };

export type CompareModeState =
  | { mode: "side-by-side" }
  | { mode: "swipe"; split: number }
  | { mode: "onion"; opacity: number }
  | { mode: "difference" }
  | { mode: "blink"; intervalMs: number; isPaused: boolean };

export function modeState(mode: CompareMode, params: ModeParams = DEFAULT_MODE_PARAMS): CompareModeState {
  switch (mode) {
    case "side-by-side":
      return { mode };
    case "swipe":
      return { mode, split: params.swipeSplit };
    case "onion":
      return { mode, opacity: params.onionOpacity };
    case "difference":
      return { mode };
    case "blink":
      return { mode, intervalMs: params.blinkIntervalMs, isPaused: params.isBlinkPaused };
  }
}

export function isCompareMode(value: unknown): value is CompareMode {
  return typeof value === "string" && (COMPARE_MODE_IDS as readonly string[]).includes(value);
}

export function compareModeInfo(mode: CompareMode) {
  return COMPARE_MODES.find((entry) => entry.id === mode) ?? COMPARE_MODES[0];
}
