// One frame that both images of a comparison are fitted into. Edits rarely keep the source's
// size or aspect ratio (outputs are multiples of 16), so pixel alignment is never assumed: each
// image is contain-fitted and centred in a frame with the edit's shape, and every compare mode
// (side by side, swipe, onion, difference, blink) works in that frame's coordinates.
import { describeSize, fitRect, isUsableSize, type Rect, type Size } from "./geometry";

/** An image placed in the frame: its native pixel size and its rect in frame units. */
export type FittedImage = { size: Size; rect: Rect };

export type SizeMismatch = {
  isSameSize: boolean;
  /** Aspect ratios within ASPECT_TOLERANCE of each other. */
  isSameAspect: boolean;
  /** Edit pixels / source pixels (2 = the edit has twice the pixels). */
  areaRatio: number;
  /** Edit aspect / source aspect − 1; 0 = same shape, > 0 = the edit is relatively wider. */
  aspectChange: number;
  /** "source 768×512 (3:2) vs edit 1024×1024 (1:1)" or "source and edit both 1024×1024 (1:1)". */
  text: string;
};

export type CommonFrame = {
  /** Frame size in frame units (the edit's pixel size, so the edit sits at 1 unit per pixel). */
  frame: Size;
  source: FittedImage;
  edit: FittedImage;
  mismatch: SizeMismatch;
};

export type FrameLabels = { source: string; edit: string };

export const ASPECT_TOLERANCE = 0.01;
const DEFAULT_LABELS: FrameLabels = { source: "source", edit: "edit" };

export function describeMismatch(source: Size, edit: Size, labels: FrameLabels = DEFAULT_LABELS): SizeMismatch {
  const isSameSize = Math.round(source.width) === Math.round(edit.width) && Math.round(source.height) === Math.round(edit.height);
  const sourceAspect = source.width / source.height;
  const editAspect = edit.width / edit.height;
  const aspectChange = editAspect / sourceAspect - 1;
  const text = isSameSize
    ? `${labels.source} and ${labels.edit} both ${describeSize(edit)}`
    : `${labels.source} ${describeSize(source)} vs ${labels.edit} ${describeSize(edit)}`;
  return {
    isSameSize,
    isSameAspect: Math.abs(aspectChange) <= ASPECT_TOLERANCE,
    areaRatio: (edit.width * edit.height) / (source.width * source.height),
    aspectChange,
    text,
  };
}

/**
 * The frame takes the edit's shape (the edit is what is being judged, so it fills the frame);
 * the source is contain-fitted and centred inside it. With a missing image, pass the other
 * image's size for both and skip drawing the missing side.
 */
export function commonFrame(source: Size, edit: Size, labels: FrameLabels = DEFAULT_LABELS): CommonFrame {
  const frameSize = isUsableSize(edit) ? { width: edit.width, height: edit.height } : { width: source.width, height: source.height };
  const place = (size: Size): FittedImage => {
    const { x, y, width, height } = fitRect(size, frameSize);
    return { size: { width: size.width, height: size.height }, rect: { x, y, width, height } };
  };
  return {
    frame: frameSize,
    source: place(source),
    edit: place(edit),
    mismatch: describeMismatch(source, edit, labels),
  };
}
