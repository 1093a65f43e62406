// Geometry of the three-up pair view (pure): source, left edit and right edit in three equal
// panes under one view transform (locked zoom and pan). All three are contain-fitted into one
// frame shaped like the larger edit, so a point of the frame is the same place in each image
// even when sizes differ (edits rarely keep the source's size).
import { commonFrame, type CommonFrame, type FittedImage } from "../canvas/common-frame";
import { fitRect, isUsableSize, type Rect, type Size } from "../canvas/geometry";

export const THREE_UP_GAP = 4;
export const THREE_UP_SLOTS = ["source", "left", "right"] as const;
export type ThreeUpSlot = (typeof THREE_UP_SLOTS)[number];
export type ThreeUpPane = Rect & { slot: ThreeUpSlot };

export function threeUpPanes(stage: Size): ThreeUpPane[] {
  const width = Math.max(0, (stage.width - 2 * THREE_UP_GAP) / 3);
  return THREE_UP_SLOTS.map((slot, index) => ({ slot, x: index * (width + THREE_UP_GAP), y: 0, width, height: stage.height }));
}

export type ThreeUpLayout = { frame: Size; source: FittedImage | null; left: FittedImage | null; right: FittedImage | null; compare: CommonFrame };

const area = (size: Size | null) => (isUsableSize(size) ? size.width * size.height : 0);

/** null until at least one image has a size. `compare` (left vs right) drives zoom limits and 1:1. */
export function threeUpLayout(source: Size | null, left: Size | null, right: Size | null): ThreeUpLayout | null {
  const frameSize = [left, right].filter(isUsableSize).sort((x, y) => area(y) - area(x))[0] ?? (isUsableSize(source) ? source : null);
  if (!frameSize) return null;
  const frame = { width: frameSize.width, height: frameSize.height };
  const place = (size: Size | null): FittedImage | null => {
    if (!isUsableSize(size)) return null;
    const { x, y, width, height } = fitRect(size, frame);
    return { size: { width: size.width, height: size.height }, rect: { x, y, width, height } };
  };
  const edits = commonFrame(left ?? right ?? frame, right ?? left ?? frame, { source: "left", edit: "right" });
  const fittedLeft = place(left);
  const fittedRight = place(right);
  const compare: CommonFrame = { ...edits, frame, source: fittedLeft ?? fittedRight ?? place(frame)!, edit: fittedRight ?? fittedLeft ?? place(frame)! };
  return { frame, source: place(source), left: fittedLeft, right: fittedRight, compare };
}
