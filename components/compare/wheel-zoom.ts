"use client";
// Wheel zoom about the cursor, in whichever pane the cursor is over: shared by every stage that
// locks its panes to one view (compare canvas, three-up pair canvas).
import type Konva from "konva";
import type { Point, Rect } from "@/lib/canvas/geometry";
import { paneAt } from "@/lib/canvas/panes";
import { wheelZoomFactor } from "@/lib/canvas/view";

export function wheelZoomHandler<T extends Rect>(panes: readonly T[], zoomAt: (factor: number, point: Point, pane: T) => void) {
  return (event: Konva.KonvaEventObject<WheelEvent>) => {
    event.evt.preventDefault();
    const pointer = event.target.getStage()?.getPointerPosition();
    if (!pointer) return;
    const pane = paneAt(panes, pointer);
    zoomAt(wheelZoomFactor(event.evt.deltaY, event.evt.deltaMode), { x: pointer.x - pane.x, y: pointer.y - pane.y }, pane);
  };
}
