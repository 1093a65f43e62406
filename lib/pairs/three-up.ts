// Geometry of the three-up pair view (pure): source, left edit and right edit under one view
// transform (locked zoom and pan). All three are contain-fitted into one frame shaped like the
// larger edit, so a point of the frame is the same place in each image even when sizes differ
// (edits rarely keep the source's size).
//
// The panes are laid out from the box and the frame's aspect ratio: the two edits (what is being
// judged) as large as the box allows and side by side (the label keys say left and right), the
// source as a reference at half their size, left of them or above them, whichever leaves the
// edits larger; three equal panes in a row when the height is what limits the edits anyway.
// Every pane has the frame's aspect ratio, so each shows the same part of the frame at any zoom.
// A strip above each pane holds its label, so labels never cover the pictures.
import { commonFrame, type CommonFrame, type FittedImage } from "../canvas/common-frame";
import { fitRect, isUsableSize, type Rect, type Size } from "../canvas/geometry";

export const THREE_UP_GAP = 4;
/** Height of the label strip above each pane, in screen pixels. */
export const THREE_UP_LABEL = 24;
/** The source's size relative to the edits when it is shown as a reference. */
export const SOURCE_SCALE = 0.5;
export const THREE_UP_SLOTS = ["source", "left", "right"] as const;
export type ThreeUpSlot = (typeof THREE_UP_SLOTS)[number];
export type ThreeUpPane = Rect & { slot: ThreeUpSlot };
export const THREE_UP_ARRANGEMENTS = ["row", "source-left", "source-top"] as const;
export type ThreeUpArrangement = (typeof THREE_UP_ARRANGEMENTS)[number];
export type ThreeUpPanes = { arrangement: ThreeUpArrangement; panes: ThreeUpPane[]; size: Size };

/** While no image has a size yet: a common photo shape, so the panes do not jump much. */
const PLACEHOLDER_FRAME: Size = { width: 4, height: 3 };
/** A layout must make the edits this much larger to be preferred over one with a larger source. */
const PREFERENCE_MARGIN = 1.03;

/** Scale of the edits (screen px per frame px) each arrangement allows in the box. */
function editScale(arrangement: ThreeUpArrangement, box: Size, frame: Size): number {
  const gap = THREE_UP_GAP;
  const label = THREE_UP_LABEL;
  const k = SOURCE_SCALE;
  switch (arrangement) {
    case "row":
      return Math.min((box.width - 2 * gap) / (3 * frame.width), (box.height - label) / frame.height);
    case "source-left":
      return Math.min((box.width - 2 * gap) / ((2 + k) * frame.width), (box.height - label) / frame.height);
    case "source-top":
      return Math.min((box.width - gap) / (2 * frame.width), (box.height - 2 * label - gap) / ((1 + k) * frame.height));
  }
}

function place(arrangement: ThreeUpArrangement, scale: number, box: Size, frame: Size): ThreeUpPanes {
  const gap = THREE_UP_GAP;
  const label = THREE_UP_LABEL;
  const edit = { width: frame.width * scale, height: frame.height * scale };
  const sourceScale = arrangement === "row" ? 1 : SOURCE_SCALE;
  const source = { width: edit.width * sourceScale, height: edit.height * sourceScale };
  const pane = (slot: ThreeUpSlot, x: number, y: number, size: Size): ThreeUpPane => ({
    slot,
    x,
    y,
    width: size.width,
    height: size.height,
  });
  if (arrangement === "source-top") {
    const width = 2 * edit.width + gap;
    const x0 = Math.max(0, (box.width - width) / 2);
    const editsY = label + source.height + gap + label;
    return {
      arrangement,
      panes: [
        pane("source", x0 + (width - source.width) / 2, label, source),
        pane("left", x0, editsY, edit),
        pane("right", x0 + edit.width + gap, editsY, edit),
      ],
      size: { width: box.width, height: editsY + edit.height },
    };
  }
  const width = source.width + 2 * edit.width + 2 * gap;
  const x0 = Math.max(0, (box.width - width) / 2);
  const leftX = x0 + source.width + gap;
  return {
    arrangement,
    panes: [pane("source", x0, label, source), pane("left", leftX, label, edit), pane("right", leftX + edit.width + gap, label, edit)],
    size: { width: box.width, height: label + edit.height },
  };
}

/** The panes for a box and the frame (null while loading); `size` is the box height actually used. */
export function threeUpPanes(box: Size, frame: Size | null): ThreeUpPanes {
  const shape = frame && isUsableSize(frame) ? frame : PLACEHOLDER_FRAME;
  let best: { arrangement: ThreeUpArrangement; scale: number } | null = null;
  // In preference order (larger source first): a later one must beat the best by the margin.
  for (const arrangement of THREE_UP_ARRANGEMENTS) {
    const scale = Math.max(0, editScale(arrangement, box, shape));
    if (!best || scale > best.scale * PREFERENCE_MARGIN) best = { arrangement, scale };
  }
  return place(best!.arrangement, best!.scale, box, shape);
}

/** A point in a (smaller) pane in the edit pane's pixels, so zoom about the cursor works in every pane. */
export function toEditPanePoint(pane: ThreeUpPane, editPane: Size, point: { x: number; y: number }) {
  const factor = pane.width > 0 ? editPane.width / pane.width : 1;
  return { x: point.x * factor, y: point.y * factor };
}

export type ThreeUpLayout = {
  frame: Size;
  source: FittedImage | null;
  left: FittedImage | null;
  right: FittedImage | null;
  compare: CommonFrame;
};

const area = (size: Size | null) => (isUsableSize(size) ? size.width * size.height : 0);

/** null until at least one image has a size. `compare` (left vs right) drives zoom limits and 1:1. */
export function threeUpLayout(source: Size | null, left: Size | null, right: Size | null): ThreeUpLayout | null {
  const frameSize = [left, right].filter(isUsableSize).sort((x, y) => area(y) - area(x))[0] ?? (isUsableSize(source) ? source : null);
  if (!frameSize) return null;
  const frame = { width: frameSize.width, height: frameSize.height };
  const fit = (size: Size | null): FittedImage | null => {
    if (!isUsableSize(size)) return null;
    const { x, y, width, height } = fitRect(size, frame);
    return { size: { width: size.width, height: size.height }, rect: { x, y, width, height } };
  };
  const edits = commonFrame(left ?? right ?? frame, right ?? left ?? frame, { source: "left", edit: "right" });
  const fittedLeft = fit(left);
  const fittedRight = fit(right);
  const compare: CommonFrame = {
    ...edits,
    frame,
    source: fittedLeft ?? fittedRight ?? fit(frame)!,
    edit: fittedRight ?? fittedLeft ?? fit(frame)!,
  };
  return { frame, source: fit(source), left: fittedLeft, right: fittedRight, compare };
}
