// How the stage is divided: side by side uses two equal panes that share one view transform
// (locked zoom and pan); every other mode uses a single pane covering the stage.
import type { CompareMode } from "./modes";
import type { Point, Rect, Size } from "./geometry";

export type PaneSide = "left" | "right";
export type Pane = Rect & { side: PaneSide | "both" };

/** Gap between the two side-by-side panes, in screen pixels. */
export const PANE_GAP = 4;

export function panesFor(mode: CompareMode, stage: Size): Pane[] {
  if (mode !== "side-by-side") return [{ x: 0, y: 0, width: stage.width, height: stage.height, side: "both" }];
  const width = Math.max(0, (stage.width - PANE_GAP) / 2);
  return [
    { x: 0, y: 0, width, height: stage.height, side: "left" },
    { x: width + PANE_GAP, y: 0, width, height: stage.height, side: "right" },
  ];
}

/** The pane under a stage point (the nearest one when the point is in the gap). */
export function paneAt<T extends Rect>(panes: readonly T[], point: Point): T {
  let best = panes[0];
  let bestDistance = Infinity;
  for (const pane of panes) {
    const dx = Math.max(pane.x - point.x, 0, point.x - (pane.x + pane.width));
    const dy = Math.max(pane.y - point.y, 0, point.y - (pane.y + pane.height));
    const distance = dx * dx + dy * dy;
    if (distance < bestDistance) {
      best = pane;
      bestDistance = distance;
    }
  }
  return best;
}

export function paneSize(pane: Rect): Size {
  return { width: pane.width, height: pane.height };
}
