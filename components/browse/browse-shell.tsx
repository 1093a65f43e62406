"use client";
// Browse layout: the category sidebar beside the grid in wide windows; below 1100 px it becomes a
// drawer behind a "Categories" button, so the grid keeps the width. Choosing a category (a link
// in the drawer), the backdrop or Escape closes the drawer.
import { useEffect, useState, type MouseEvent, type ReactNode } from "react";

/** Below 1100 px the categories are a drawer sliding in from the left; from 1100 px a static column. */
const DRAWER =
  "fixed inset-y-0 left-0 z-50 w-[min(26rem,92vw)] overflow-y-auto border-r border-neutral-800 bg-neutral-950 p-3 " +
  "shadow-2xl transition-transform";
const DRAWER_WIDE =
  "min-[1100px]:visible min-[1100px]:static min-[1100px]:z-auto min-[1100px]:h-[calc(100vh-7rem)] min-[1100px]:w-auto " +
  "min-[1100px]:translate-x-0 min-[1100px]:border-0 min-[1100px]:bg-transparent min-[1100px]:p-0 min-[1100px]:pr-2 " +
  "min-[1100px]:shadow-none";

export function BrowseShell({ sidebar, children }: { sidebar: ReactNode; children: ReactNode }) {
  const [isOpen, setIsOpen] = useState(false);
  const onDrawerClick = (event: MouseEvent) => {
    if ((event.target as Element).closest("a")) setIsOpen(false);
  };
  useEffect(() => {
    if (!isOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setIsOpen(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [isOpen]);

  return (
    <div className="flex gap-4 px-4 pt-3 min-[1100px]:grid min-[1100px]:grid-cols-[26rem_minmax(0,1fr)] xl:grid-cols-[28rem_minmax(0,1fr)]">
      {isOpen && <div aria-hidden className="fixed inset-0 z-40 bg-black/60 min-[1100px]:hidden" onClick={() => setIsOpen(false)} />}
      <aside
        id="category-drawer"
        onClick={onDrawerClick}
        aria-label="Categories"
        className={`${DRAWER} ${DRAWER_WIDE} ${isOpen ? "visible translate-x-0" : "invisible -translate-x-full"}`}
      >
        <div className="mb-2 flex items-center justify-between min-[1100px]:hidden">
          <span className="text-sm font-semibold">Categories</span>
          <button
            type="button"
            onClick={() => setIsOpen(false)}
            className="rounded px-2 py-1 text-sm text-neutral-300 hover:bg-neutral-800"
            aria-label="Close categories"
          >
            ✕
          </button>
        </div>
        {sidebar}
      </aside>
      <section className="min-w-0 flex-1 space-y-3">
        <button
          type="button"
          onClick={() => setIsOpen(true)}
          aria-expanded={isOpen}
          aria-controls="category-drawer"
          className="rounded-md border border-neutral-700 px-3 py-1.5 text-sm text-neutral-200 hover:border-neutral-500 min-[1100px]:hidden"
          data-testid="open-categories"
        >
          ☰ Categories
        </button>
        {children}
      </section>
    </div>
  );
}
