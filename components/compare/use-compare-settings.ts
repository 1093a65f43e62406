"use client";
// {mode, view} persisted in localStorage under "ripe.compare", so mode, zoom and centre carry
// from item to item and across reloads. The server and the hydrating render use the defaults;
// the stored value follows (useStoredState), which keeps hydration consistent.
import { useCallback } from "react";
import type { CompareMode } from "@/lib/canvas/modes";
import { COMPARE_SETTINGS_KEY, defaultCompareSettings, parseCompareSettings, serializeCompareSettings } from "@/lib/canvas/settings";
import type { ViewState } from "@/lib/canvas/view";
import { useStoredState } from "../hooks/use-stored-state";

export function useCompareSettings(storageKey: string = COMPARE_SETTINGS_KEY) {
  const [settings, setSettings] = useStoredState(storageKey, parseCompareSettings, serializeCompareSettings);
  const setMode = useCallback((mode: CompareMode) => setSettings((current) => ({ ...current, mode })), [setSettings]);
  const setView = useCallback((view: ViewState) => setSettings((current) => ({ ...current, view })), [setSettings]);
  const reset = useCallback(() => setSettings(defaultCompareSettings()), [setSettings]);
  return { mode: settings.mode, view: settings.view, setMode, setView, reset };
}
