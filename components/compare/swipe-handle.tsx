"use client";
// The swipe divider: an HTML slider laid over the stage so it is draggable, focusable and
// keyboard accessible (arrows, Shift+arrows, Page keys, Home/End), which a Konva shape is not.
import type { KeyboardEvent, PointerEvent } from "react";
import type { Pane } from "@/lib/canvas/panes";
import { splitForKey, splitFromPointer } from "@/lib/canvas/swipe";

export type SwipeHandleProps = {
  pane: Pane;
  split: number;
  onSplitChange: (split: number) => void;
  leftLabel: string;
  rightLabel: string;
};

const KNOB =
  "absolute top-1/2 flex h-8 w-8 -translate-y-1/2 items-center justify-center rounded-full border border-amber-400 " +
  "bg-neutral-950/90 text-xs text-amber-300 group-focus-visible:ring-2 group-focus-visible:ring-amber-400";

export function SwipeHandle({ pane, split, onSplitChange, leftLabel, rightLabel }: SwipeHandleProps) {
  const moveTo = (event: PointerEvent<HTMLDivElement>) => {
    const container = event.currentTarget.parentElement?.getBoundingClientRect();
    if (!container) return;
    onSplitChange(splitFromPointer(event.clientX - container.left - pane.x, pane));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = splitForKey(split, event.key, event.shiftKey);
    if (next === null) return;
    // Handled here: the page's ArrowLeft/ArrowRight shortcuts must not fire as well.
    event.preventDefault();
    event.stopPropagation();
    onSplitChange(next);
  };

  const percent = Math.round(split * 100);
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label="Swipe divider"
      aria-orientation="horizontal"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={`${percent}% ${leftLabel}, ${100 - percent}% ${rightLabel}`}
      data-testid="swipe-handle"
      className="group absolute top-0 z-10 flex h-full w-6 -translate-x-1/2 cursor-ew-resize touch-none justify-center outline-none"
      style={{ left: pane.x + split * pane.width, height: pane.height }}
      onPointerDown={(event) => {
        event.stopPropagation(); // dragging the divider must not pan the view
        event.currentTarget.setPointerCapture(event.pointerId);
        moveTo(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
      }}
      onKeyDown={onKeyDown}
    >
      <div className="h-full w-0.5 bg-amber-400/90 shadow-[0_0_0_1px_rgba(0,0,0,0.5)]" />
      <div className={KNOB}>⇔</div>
    </div>
  );
}
