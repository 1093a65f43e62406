"use client";
// Binds the KEYMAP table to handlers for the page's scopes. Several hooks may listen at once
// (the page and the compare canvas): each resolves the key with the same scope list, so they
// agree on the action, and only the hook holding a handler for it acts.
import { useEffect, useRef } from "react";
import { matchKey, type ActionId, type KeyScope } from "@/lib/keymap";

export type KeymapHandlers = Partial<Record<ActionId, () => void>>;

export function useKeymap(scopes: readonly KeyScope[] | null, handlers: KeymapHandlers): void {
  // Refs keep the listener stable while handlers and scopes change every render.
  const handlersRef = useRef(handlers);
  const scopesRef = useRef(scopes);
  useEffect(() => {
    handlersRef.current = handlers;
    scopesRef.current = scopes;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const scopeList = scopesRef.current;
      if (!scopeList || scopeList.length === 0) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = matchKey(
        {
          key: event.key,
          ctrlKey: event.ctrlKey,
          metaKey: event.metaKey,
          altKey: event.altKey,
          shiftKey: event.shiftKey,
          repeat: event.repeat,
          isComposing: event.isComposing,
          defaultPrevented: event.defaultPrevented,
          target: target
            ? {
                tagName: target.tagName,
                isContentEditable: target.isContentEditable,
                type: target instanceof HTMLInputElement ? target.type : undefined,
              }
            : null,
        },
        scopeList,
      );
      const handler = action ? handlersRef.current[action] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
