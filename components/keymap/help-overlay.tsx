"use client";
// The `?` overlay: lists the shortcuts of the page's scopes straight from KEYMAP, so it can never
// disagree with what the keys do. While open it owns the keyboard: Escape or ? closes it and no
// other shortcut fires underneath.
import { useEffect, useRef } from "react";
import { entriesForScopes, KEY_SCOPE_LABELS, type KeyScope } from "@/lib/keymap";
import { Kbd } from "./kbd";

export type HelpOverlayProps = {
  isOpen: boolean;
  onClose: () => void;
  scopes: readonly KeyScope[];
  title?: string;
};

export function HelpOverlay({ isOpen, onClose, scopes, title = "Keyboard shortcuts" }: HelpOverlayProps) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    if (!isOpen) return;
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.focus();
    // Capture phase on window runs before page-level shortcut listeners.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Tab") return;
      event.stopPropagation();
      if (event.key === "Escape" || event.key === "?") {
        event.preventDefault();
        onCloseRef.current();
      }
    };
    window.addEventListener("keydown", onKeyDown, true);
    return () => {
      window.removeEventListener("keydown", onKeyDown, true);
      previouslyFocused?.focus();
    };
  }, [isOpen]);

  if (!isOpen) return null;
  const groups = entriesForScopes(scopes).filter((group) => group.entries.length > 0);

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4" onClick={onClose}>
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        onClick={(event) => event.stopPropagation()}
        className="max-h-[85vh] w-full max-w-lg overflow-y-auto rounded-lg border border-neutral-800 bg-neutral-900 p-5 text-sm text-neutral-200 shadow-2xl outline-none"
      >
        <div className="mb-4 flex items-center justify-between">
          <h2 className="text-base font-semibold text-neutral-100">{title}</h2>
          <button
            type="button"
            onClick={onClose}
            className="rounded px-2 py-1 text-neutral-400 hover:bg-neutral-800 hover:text-neutral-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-amber-400"
            aria-label="Close shortcuts"
          >
            Esc
          </button>
        </div>
        {groups.map(({ scope, entries }) => (
          <section key={scope} className="mb-4 last:mb-0">
            <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-amber-400/90">{KEY_SCOPE_LABELS[scope]}</h3>
            {/* One key-column width for every section, so the descriptions line up down the dialog. */}
            <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1.5">
              {entries.map((entry) => (
                <div key={entry.id} className="contents">
                  <dt className="flex flex-wrap items-center gap-1">
                    {entry.keys.map((spec, index) => (
                      <span key={spec} className="flex items-center gap-1">
                        {index > 0 && <span className="text-neutral-500">/</span>}
                        <Kbd spec={spec} />
                      </span>
                    ))}
                  </dt>
                  <dd className="text-neutral-300" title={entry.description}>
                    {entry.label}
                    <span className="ml-2 text-neutral-500">{entry.description}</span>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
