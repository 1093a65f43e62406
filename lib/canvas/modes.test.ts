import { describe, expect, it } from "vitest";
import { COMPARE_MODES, DEFAULT_MODE_PARAMS, isCompareMode, modeState } from "./modes";
import { COMPARE_SETTINGS_KEY, defaultCompareSettings, parseCompareSettings, serializeCompareSettings } from "./settings";

describe("compare modes", () => {
  it("lists five modes bound to keys 1–5", () => {
    expect(COMPARE_MODES.map((mode) => [mode.id, mode.key])).toEqual([
      ["side-by-side", "1"],
      ["swipe", "2"],
      ["onion", "3"],
      ["difference", "4"],
      ["blink", "5"],
    ]);
  });
  it("carries the default parameters in the mode state", () => {
    expect(DEFAULT_MODE_PARAMS).toMatchObject({ swipeSplit: 0.5, onionOpacity: 0.5, blinkIntervalMs: 500 });
    expect(modeState("swipe")).toEqual({ mode: "swipe", split: 0.5 });
    expect(modeState("onion")).toEqual({ mode: "onion", opacity: 0.5 });
    expect(modeState("blink")).toEqual({ mode: "blink", intervalMs: 500, isPaused: false });
    expect(modeState("difference")).toEqual({ mode: "difference" });
  });
  it("recognises mode ids", () => {
    expect(isCompareMode("onion")).toBe(true);
    expect(isCompareMode("overlay")).toBe(false);
    expect(isCompareMode(3)).toBe(false);
  });
});

describe("compare settings", () => {
  it("round-trips through localStorage text", () => {
    const settings = { mode: "swipe" as const, view: { zoom: 3, centerX: 0.2, centerY: 0.9 } };
    expect(parseCompareSettings(serializeCompareSettings(settings))).toEqual(settings);
    expect(COMPARE_SETTINGS_KEY).toBe("ripe.compare");
  });
  it("falls back field by field on bad input", () => {
    expect(parseCompareSettings(null)).toEqual(defaultCompareSettings());
    expect(parseCompareSettings("{not json")).toEqual(defaultCompareSettings());
    expect(parseCompareSettings(JSON.stringify({ mode: "weird", view: { zoom: 2, centerX: 7, centerY: "x" } }))).toEqual({
      mode: "side-by-side",
      view: { zoom: 2, centerX: 0.5, centerY: 0.5 },
    });
  });
});
