// The view transform of the compare canvas. Stored as zoom relative to "fit" plus the frame
// point at the viewport centre as a fraction of the frame, so one persisted view means the same
// thing for every item whatever its pixel size and whatever the window size.
import type { FittedImage } from "./common-frame";
import { clamp, fitRect, type Point, type Size } from "./geometry";

export type ViewState = {
  /** 1 = the whole frame fits the viewport; 2 = twice as large. */
  zoom: number;
  /** Frame point shown at the viewport centre, as fractions of the frame (0.5 = middle). */
  centerX: number;
  centerY: number;
};

export type ZoomLimits = { min: number; max: number };
/** What Konva needs: scale and translation of the group holding the frame. */
export type StageTransform = { scale: number; x: number; y: number };

/** Deepest zoom, in screen pixels per image pixel: enough to inspect single pixels. */
export const MAX_PIXEL_ZOOM = 16;
/** Limits to use before images are known. */
export const DEFAULT_ZOOM_LIMITS: ZoomLimits = { min: 1, max: 64 };
/** Zoom factor of one button press or key press. */
export const ZOOM_STEP = 1.25;

export function fitView(): ViewState {
  return { zoom: 1, centerX: 0.5, centerY: 0.5 };
}

/** Screen pixels per frame unit at zoom 1. */
export function fitScale(viewport: Size, frame: Size): number {
  return fitRect(frame, viewport).scale;
}

export function viewToStage(view: ViewState, viewport: Size, frame: Size): StageTransform {
  const scale = fitScale(viewport, frame) * view.zoom;
  return {
    scale,
    x: viewport.width / 2 - view.centerX * frame.width * scale,
    y: viewport.height / 2 - view.centerY * frame.height * scale,
  };
}

/** Viewport pixel → frame units. */
export function viewportToFrame(point: Point, view: ViewState, viewport: Size, frame: Size): Point {
  const { scale, x, y } = viewToStage(view, viewport, frame);
  if (scale === 0) return { x: 0, y: 0 };
  return { x: (point.x - x) / scale, y: (point.y - y) / scale };
}

/** Frame units → viewport pixel. */
export function frameToViewport(point: Point, view: ViewState, viewport: Size, frame: Size): Point {
  const { scale, x, y } = viewToStage(view, viewport, frame);
  return { x: x + point.x * scale, y: y + point.y * scale };
}

/** Screen pixels per native pixel of `image` under `view` (1 = "1:1"). */
export function imagePixelScale(view: ViewState, image: FittedImage, viewport: Size, frame: Size): number {
  if (image.size.width <= 0) return 0;
  return fitScale(viewport, frame) * view.zoom * (image.rect.width / image.size.width);
}

/** The zoom at which `image` shows one screen pixel per image pixel. */
export function oneToOneZoom(image: FittedImage, viewport: Size, frame: Size): number {
  const atFit = imagePixelScale(fitView(), image, viewport, frame);
  return atFit > 0 ? 1 / atFit : 1;
}

/**
 * From fit (or 1:1 when an image is smaller than the viewport at fit) down to MAX_PIXEL_ZOOM
 * screen pixels per pixel of the image with the most pixels per frame unit.
 */
export function zoomLimits(images: readonly FittedImage[], viewport: Size, frame: Size): ZoomLimits {
  const oneToOne = images.map((image) => oneToOneZoom(image, viewport, frame)).filter((zoom) => Number.isFinite(zoom) && zoom > 0);
  if (oneToOne.length === 0) return DEFAULT_ZOOM_LIMITS;
  const min = Math.min(1, ...oneToOne);
  return { min, max: Math.max(min, MAX_PIXEL_ZOOM * Math.max(...oneToOne)) };
}

/**
 * Zoom within limits, and keep the frame covering the viewport: along an axis where the frame
 * is smaller than the viewport it is centred, otherwise the centre cannot pan past the edge.
 */
export function clampView(view: ViewState, viewport: Size, frame: Size, limits: ZoomLimits = DEFAULT_ZOOM_LIMITS): ViewState {
  const zoom = clamp(Number.isFinite(view.zoom) ? view.zoom : 1, limits.min, limits.max);
  const scale = fitScale(viewport, frame) * zoom;
  const clampAxis = (center: number, viewportLength: number, frameLength: number) => {
    if (scale <= 0 || frameLength <= 0) return 0.5;
    const halfVisible = viewportLength / (2 * scale * frameLength);
    if (halfVisible >= 0.5 - 1e-9) return 0.5;
    return clamp(Number.isFinite(center) ? center : 0.5, halfVisible, 1 - halfVisible);
  };
  return {
    zoom,
    centerX: clampAxis(view.centerX, viewport.width, frame.width),
    centerY: clampAxis(view.centerY, viewport.height, frame.height),
  };
}

/** Multiply the zoom by `factor`, keeping the frame point under `point` (viewport px) in place. */
export function zoomAbout(
  view: ViewState,
  factor: number,
  point: Point,
  viewport: Size,
  frame: Size,
  limits: ZoomLimits = DEFAULT_ZOOM_LIMITS,
): ViewState {
  const anchor = viewportToFrame(point, view, viewport, frame);
  const zoom = clamp(view.zoom * factor, limits.min, limits.max);
  const scale = fitScale(viewport, frame) * zoom;
  if (scale <= 0 || frame.width <= 0 || frame.height <= 0) return clampView({ ...view, zoom }, viewport, frame, limits);
  // New translation puts `anchor` back under `point`; the centre follows from the translation.
  const x = point.x - anchor.x * scale;
  const y = point.y - anchor.y * scale;
  const next = {
    zoom,
    centerX: (viewport.width / 2 - x) / (scale * frame.width),
    centerY: (viewport.height / 2 - y) / (scale * frame.height),
  };
  return clampView(next, viewport, frame, limits);
}

/** Zoom about the viewport centre (buttons and keys). */
export function zoomAtCenter(
  view: ViewState,
  factor: number,
  viewport: Size,
  frame: Size,
  limits: ZoomLimits = DEFAULT_ZOOM_LIMITS,
): ViewState {
  return zoomAbout(view, factor, { x: viewport.width / 2, y: viewport.height / 2 }, viewport, frame, limits);
}

/** Show `image` at one screen pixel per image pixel, keeping the current centre. */
export function oneToOneView(
  view: ViewState,
  image: FittedImage,
  viewport: Size,
  frame: Size,
  limits: ZoomLimits = DEFAULT_ZOOM_LIMITS,
): ViewState {
  return clampView({ ...view, zoom: oneToOneZoom(image, viewport, frame) }, viewport, frame, limits);
}

/** Drag by (dx, dy) screen pixels: the content follows the pointer. */
export function panBy(
  view: ViewState,
  dx: number,
  dy: number,
  viewport: Size,
  frame: Size,
  limits: ZoomLimits = DEFAULT_ZOOM_LIMITS,
): ViewState {
  const scale = fitScale(viewport, frame) * view.zoom;
  if (scale <= 0) return view;
  const next = {
    zoom: view.zoom,
    centerX: view.centerX - dx / (scale * frame.width),
    centerY: view.centerY - dy / (scale * frame.height),
  };
  return clampView(next, viewport, frame, limits);
}

/**
 * Wheel delta → zoom factor. Exponential so trackpads (many small deltas) and mouse wheels
 * (few large ones) zoom at the same rate per distance scrolled; line/page modes are scaled up.
 */
export function wheelZoomFactor(deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-clamp(pixels, -400, 400) * 0.0015);
}

export function isSameView(a: ViewState, b: ViewState, epsilon = 1e-9): boolean {
  return Math.abs(a.zoom - b.zoom) < epsilon && Math.abs(a.centerX - b.centerX) < epsilon && Math.abs(a.centerY - b.centerY) < epsilon;
}
