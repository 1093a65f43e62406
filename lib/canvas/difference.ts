// Difference heatmap of two RGBA buffers of the same size. Callers first draw both images
// contain-fitted into the common frame (same offscreen size, placed by differenceLayout), so this
// compares what a person sees overlaid, never raw pixels of differently sized files. One pass over
// typed arrays with a precomputed colour ramp: a 1024×1024 frame takes a few milliseconds.
// The compare canvas (in the browser) and the metrics judge (in Node, lib/judge/metrics.ts) both
// go through differenceLayout + differenceHeatmap, so "pixels changed" means the same in both.
import type { CommonFrame } from "./common-frame";
import type { Rect, Size } from "./geometry";

/** Weighted difference (0–255) below which a pixel is drawn transparent: JPEG and resampling noise. */
export const DIFF_NOISE_FLOOR = 8;
/**
 * A pixel counts as "changed" when its luminance-weighted difference exceeds 32 of 255 levels
 * (12.5 %): above re-encoding noise and the blur of resampling one image to the other's size,
 * below a visible colour or content change.
 */
export const DIFF_CHANGED_THRESHOLD = 32;
/** Weighted difference at which the ramp reaches full red. */
export const DIFF_SATURATION = 128;
/** A pixel is compared only where both images cover it (alpha at least half). */
export const DIFF_MIN_ALPHA = 128;
/** Colour for frame pixels covered by only one image (letterbox of a differently shaped image). */
export const DIFF_UNCOMPARED_RGBA = [82, 82, 82, 160] as const;
/** Longest side of the offscreen frame the browser computes the heatmap in. */
export const DIFF_MAX_SIDE = 1024;

export type DifferenceStats = {
  /** Mean weighted difference over compared pixels, 0–1. */
  meanDiff: number;
  /** Share of compared pixels above DIFF_CHANGED_THRESHOLD, 0–1. */
  changedShare: number;
  /** Pixels covered by both images. */
  comparedPixels: number;
  /** Largest weighted difference, 0–1. */
  maxDiff: number;
};

export type DifferenceResult = { heatmap: Uint8ClampedArray; stats: DifferenceStats };

/** Colour of one weighted difference level: transparent → yellow → orange → red, opacity rising. */
export function heatmapColor(level: number): [number, number, number, number] {
  if (level < DIFF_NOISE_FLOOR) return [0, 0, 0, 0];
  const t = Math.min(1, (level - DIFF_NOISE_FLOOR) / (DIFF_SATURATION - DIFF_NOISE_FLOOR));
  return [255, Math.round(230 * (1 - t)), 0, Math.round(96 + 159 * Math.min(1, t * 2))];
}

const RAMP = (() => {
  const ramp = new Uint8ClampedArray(256 * 4);
  for (let level = 0; level < 256; level++) ramp.set(heatmapColor(level), level * 4);
  return ramp;
})();

/**
 * Per pixel: d = (77·|ΔR| + 150·|ΔG| + 29·|ΔB|) / 256 (Rec. 601 luma weights in integers),
 * mapped through the ramp. Pixels covered by only one image get DIFF_UNCOMPARED_RGBA and stay
 * out of the stats; pixels covered by neither stay transparent. Pass `out` to reuse a buffer.
 */
export function differenceHeatmap(
  a: Uint8ClampedArray,
  b: Uint8ClampedArray,
  width: number,
  height: number,
  out?: Uint8ClampedArray,
): DifferenceResult {
  const length = width * height * 4;
  if (a.length < length || b.length < length) {
    throw new Error(`differenceHeatmap: buffers hold ${a.length} and ${b.length} bytes, ${width}×${height} RGBA needs ${length}`);
  }
  const heatmap = out && out.length >= length ? out : new Uint8ClampedArray(length);
  const [ur, ug, ub, ua] = DIFF_UNCOMPARED_RGBA;
  let sum = 0;
  let changed = 0;
  let compared = 0;
  let max = 0;
  for (let i = 0; i < length; i += 4) {
    const hasA = a[i + 3] >= DIFF_MIN_ALPHA;
    const hasB = b[i + 3] >= DIFF_MIN_ALPHA;
    if (!hasA || !hasB) {
      const isEither = hasA || hasB;
      heatmap[i] = isEither ? ur : 0;
      heatmap[i + 1] = isEither ? ug : 0;
      heatmap[i + 2] = isEither ? ub : 0;
      heatmap[i + 3] = isEither ? ua : 0;
      continue;
    }
    const dr = a[i] - b[i];
    const dg = a[i + 1] - b[i + 1];
    const db = a[i + 2] - b[i + 2];
    const level = (77 * (dr < 0 ? -dr : dr) + 150 * (dg < 0 ? -dg : dg) + 29 * (db < 0 ? -db : db)) >> 8;
    sum += level;
    compared++;
    if (level > DIFF_CHANGED_THRESHOLD) changed++;
    if (level > max) max = level;
    const r = level << 2;
    heatmap[i] = RAMP[r];
    heatmap[i + 1] = RAMP[r + 1];
    heatmap[i + 2] = RAMP[r + 2];
    heatmap[i + 3] = RAMP[r + 3];
  }
  return {
    heatmap,
    stats: {
      meanDiff: compared ? sum / compared / 255 : 0,
      changedShare: compared ? changed / compared : 0,
      comparedPixels: compared,
      maxDiff: max / 255,
    },
  };
}

/** Offscreen size for the heatmap: the frame scaled down so its longest side is at most maxSide. */
export function boundedSize(frame: Size, maxSide = DIFF_MAX_SIDE): Size & { scale: number } {
  const longest = Math.max(frame.width, frame.height);
  const scale = longest > maxSide ? maxSide / longest : 1;
  return { width: Math.max(1, Math.round(frame.width * scale)), height: Math.max(1, Math.round(frame.height * scale)), scale };
}

/** The offscreen buffer of the difference and where each image lands in it, in whole pixels. */
export type DifferenceLayout = Size & { scale: number; source: Rect; edit: Rect };

/**
 * The common frame bounded to maxSide, with each image's rect rounded to whole buffer pixels
 * (edges rounded, so neighbouring rects never overlap or gap). Every renderer draws exactly these
 * rects, so the browser and Node compare the same pixels.
 */
export function differenceLayout(layout: CommonFrame, maxSide = DIFF_MAX_SIDE): DifferenceLayout {
  const { width, height, scale } = boundedSize(layout.frame, maxSide);
  const place = ({ x, y, width: w, height: h }: Rect): Rect => {
    const left = Math.min(width - 1, Math.max(0, Math.round(x * scale)));
    const top = Math.min(height - 1, Math.max(0, Math.round(y * scale)));
    const right = Math.max(left + 1, Math.min(width, Math.round((x + w) * scale)));
    const bottom = Math.max(top + 1, Math.min(height, Math.round((y + h) * scale)));
    return { x: left, y: top, width: right - left, height: bottom - top };
  };
  return { width, height, scale, source: place(layout.source.rect), edit: place(layout.edit.rect) };
}

/** "mean diff 7.3 % · 12.4 % of pixels changed". */
export function describeDifference(stats: DifferenceStats): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  return `mean diff ${percent(stats.meanDiff)} · ${percent(stats.changedShare)} of pixels changed`;
}
