"use client";
// A value kept in localStorage, read through useSyncExternalStore: the server and the first
// (hydrating) render use the fallback, then the stored value, with no setState in an effect.
// Writes also go to memory, so a browser that refuses storage (private mode, policy) still works
// for the page, and every hook on the same key sees the change.
import { useCallback, useMemo, useSyncExternalStore } from "react";

const memory = new Map<string, string>();
const listeners = new Set<() => void>();

function read(key: string): string | null {
  if (memory.has(key)) return memory.get(key)!;
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

export function useStoredState<T>(key: string, parse: (raw: string | null) => T, serialize: (value: T) => string) {
  const raw = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => null,
  );
  const value = useMemo(() => parse(raw), [parse, raw]);
  const setValue = useCallback(
    (next: T | ((current: T) => T)) => {
      const resolved = typeof next === "function" ? (next as (current: T) => T)(parse(read(key))) : next;
      const text = serialize(resolved);
      memory.set(key, text);
      try {
        window.localStorage.setItem(key, text);
      } catch {
        // Not persisting is acceptable; the value still holds for this page.
      }
      for (const listener of listeners) listener();
    },
    [key, parse, serialize],
  );
  return [value, setValue] as const;
}
