"use client";
// {mode, view} persisted in localStorage under "ripe.compare", so mode, zoom and centre carry
// from item to item and across reloads. The first render uses the defaults (as on the server)
// and the stored value is read after mount, which keeps hydration consistent.
import { useCallback, useEffect, useState } from "react";
import type { CompareMode } from "@/lib/canvas/modes";
import { COMPARE_SETTINGS_KEY, defaultCompareSettings, parseCompareSettings, serializeCompareSettings, type CompareSettings } from "@/lib/canvas/settings";
import type { ViewState } from "@/lib/canvas/view";

function readStored(key: string): CompareSettings {
  try {
    return parseCompareSettings(window.localStorage.getItem(key));
  } catch {
    return defaultCompareSettings(); // storage disabled (private mode, policy)
  }
}

export function useCompareSettings(storageKey: string = COMPARE_SETTINGS_KEY) {
  const [settings, setSettings] = useState<CompareSettings>(defaultCompareSettings);
  const [isLoaded, setIsLoaded] = useState(false);

  useEffect(() => {
    setSettings(readStored(storageKey));
    setIsLoaded(true);
  }, [storageKey]);

  useEffect(() => {
    if (!isLoaded) return;
    try {
      window.localStorage.setItem(storageKey, serializeCompareSettings(settings));
    } catch {
      // Not persisting is acceptable; the settings still work for this page.
    }
  }, [settings, isLoaded, storageKey]);

  const setMode = useCallback((mode: CompareMode) => setSettings((current) => ({ ...current, mode })), []);
  const setView = useCallback((view: ViewState) => setSettings((current) => ({ ...current, view })), []);
  const reset = useCallback(() => setSettings(defaultCompareSettings()), []);

  return { mode: settings.mode, view: settings.view, setMode, setView, reset, isLoaded };
}
