// Per-pixel operations sharp has no single call for: hue-selective recolouring (an object's
// attribute, clothing, autumn foliage), posterisation, line extraction and background keying.
import sharp from "sharp";
import type { FractionRect } from "../images/pixels";
import { readRgb, rgbToPng, toPng, type Operation } from "./image-ops";

function rgbToHsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  let hue = 0;
  if (delta > 0) {
    if (max === r) hue = ((g - b) / delta) % 6;
    else if (max === g) hue = (b - r) / delta + 2;
    else hue = (r - g) / delta + 4;
    hue *= 60;
    if (hue < 0) hue += 360;
  }
  return [hue, max === 0 ? 0 : delta / max, max / 255];
}

function hsvToRgb(hue: number, saturation: number, value: number): [number, number, number] {
  const c = value * saturation;
  const h = (((hue % 360) + 360) % 360) / 60;
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] = h < 1 ? [c, x, 0] : h < 2 ? [x, c, 0] : h < 3 ? [0, c, x] : h < 4 ? [0, x, c] : h < 5 ? [x, 0, c] : [c, 0, x];
  const m = value - c;
  return [(r + m) * 255, (g + m) * 255, (b + m) * 255];
}

const hueDistance = (a: number, b: number) => {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
};

export type RecolorOptions = {
  /** Hue (degrees) of the colour to change and how far around it counts. */
  hue: number;
  hueWidth: number;
  minSaturation: number;
  minValue?: number;
  /** New hue, and saturation/value multipliers for the matched pixels. */
  toHue: number;
  saturationScale?: number;
  valueScale?: number;
  /** Only inside this rectangle (fractions), feathered over 4% of the frame. */
  region?: FractionRect;
};

/** Moves one hue range to another, softly, so edges of the object blend. */
export const recolor = (options: RecolorOptions): Operation => async (input) => {
  const image = await readRgb(input);
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  const feather = 0.04;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      const [h, s, v] = rgbToHsv(data[p], data[p + 1], data[p + 2]);
      let weight = 1 - Math.max(0, hueDistance(h, options.hue) - options.hueWidth * 0.6) / (options.hueWidth * 0.4);
      weight = Math.max(0, Math.min(1, weight)) * Math.max(0, Math.min(1, (s - options.minSaturation) / 0.1));
      if (v < (options.minValue ?? 0.12)) weight = 0;
      if (options.region && weight > 0) {
        const fx = x / width;
        const fy = y / height;
        const r = options.region;
        const inside = Math.min(fx - r.x, r.x + r.width - fx, fy - r.y, r.y + r.height - fy);
        weight *= Math.max(0, Math.min(1, inside / feather + 0.5));
      }
      if (weight <= 0) {
        out[p] = data[p];
        out[p + 1] = data[p + 1];
        out[p + 2] = data[p + 2];
        continue;
      }
      const [r, g, b] = hsvToRgb(options.toHue, Math.min(1, s * (options.saturationScale ?? 1)), Math.min(1, v * (options.valueScale ?? 1)));
      out[p] = Math.round(data[p] * (1 - weight) + r * weight);
      out[p + 1] = Math.round(data[p + 1] * (1 - weight) + g * weight);
      out[p + 2] = Math.round(data[p + 2] * (1 - weight) + b * weight);
    }
  }
  return rgbToPng({ width, height, data: out });
};

/** Each channel quantised to `levels` steps: the flat colour areas of a cartoon. */
export const posterize = (levels: number): Operation => async (input) => {
  const image = await readRgb(input);
  const step = 255 / (levels - 1);
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(Math.round(image.data[i] / step) * step);
  return rgbToPng({ ...image, data: out });
};

/** Sobel gradient magnitude of luma, 0..~1. */
export function edgeStrength(image: { width: number; height: number; data: Uint8Array }): Float32Array {
  const { width, height, data } = image;
  const gray = new Float32Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = (0.299 * data[i * 3] + 0.587 * data[i * 3 + 1] + 0.114 * data[i * 3 + 2]) / 255;
  const out = new Float32Array(width * height);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const gx = gray[i - width + 1] + 2 * gray[i + 1] + gray[i + width + 1] - gray[i - width - 1] - 2 * gray[i - 1] - gray[i + width - 1];
      const gy = gray[i + width - 1] + 2 * gray[i + width] + gray[i + width + 1] - gray[i - width - 1] - 2 * gray[i - width] - gray[i - width + 1];
      out[i] = Math.sqrt(gx * gx + gy * gy) / 4;
    }
  }
  return out;
}

/**
 * Darkens pixels on strong edges: ink outlines over whatever `input` is. `threshold` is the edge
 * strength where a line starts; `paper` replaces the colour with white (pure line art).
 */
export const inkLines = (options: { threshold: number; softness?: number; paper?: boolean; edgesFrom?: Buffer }): Operation => async (input) => {
  const image = await readRgb(input);
  const edges = edgeStrength(options.edgesFrom ? await readRgb(options.edgesFrom) : image);
  const softness = options.softness ?? options.threshold * 0.5;
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < edges.length; i++) {
    const ink = Math.max(0, Math.min(1, (edges[i] - options.threshold) / softness));
    for (let c = 0; c < 3; c++) {
      const base = options.paper ? 250 : image.data[i * 3 + c];
      out[i * 3 + c] = Math.round(base * (1 - ink) + 20 * ink);
    }
  }
  return rgbToPng({ ...image, data: out });
};

/** Pencil sketch by colour dodge of the grey image with its blurred negative (`blurred` makes the blurred grey). */
export const pencilSketch = (blurred: (input: Buffer) => Promise<Buffer>): Operation => async (input) => {
  const image = await readRgb(input);
  const soft = await readRgb(await blurred(input));
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < image.width * image.height; i++) {
    const grey = 0.299 * image.data[i * 3] + 0.587 * image.data[i * 3 + 1] + 0.114 * image.data[i * 3 + 2];
    const blurredGrey = 0.299 * soft.data[i * 3] + 0.587 * soft.data[i * 3 + 1] + 0.114 * soft.data[i * 3 + 2];
    // Colour dodge of the grey with its blurred negative: grey / blurred grey. Flat areas go to
    // paper white, edges stay as graphite strokes.
    const dodge = Math.min(255, (grey * 255) / Math.max(1, blurredGrey));
    // Slightly warm graphite on paper.
    out[i * 3] = Math.round(dodge * 0.98);
    out[i * 3 + 1] = Math.round(dodge * 0.97);
    out[i * 3 + 2] = Math.round(dodge * 0.94);
  }
  return rgbToPng({ ...image, data: out });
};

/** Replaces near-white background with `backdrop` (same size), keyed softly on whiteness. */
export const replaceWhiteBackground = (backdrop: (width: number, height: number) => Promise<Buffer>): Operation => async (input) => {
  const image = await readRgb(input);
  const back = await readRgb(await backdrop(image.width, image.height));
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < image.width * image.height; i++) {
    const p = i * 3;
    const min = Math.min(image.data[p], image.data[p + 1], image.data[p + 2]);
    const max = Math.max(image.data[p], image.data[p + 1], image.data[p + 2]);
    // White = bright and unsaturated; soft ramp keeps anti-aliased candy edges.
    const whiteness = Math.max(0, Math.min(1, (min - 200) / 40)) * Math.max(0, Math.min(1, (40 - (max - min)) / 25));
    for (let c = 0; c < 3; c++) out[p + c] = Math.round(image.data[p + c] * (1 - whiteness) + back.data[p + c] * whiteness);
  }
  return rgbToPng({ ...image, data: out });
};

/**
 * Removes small dark objects (birds against the sky) inside `region`: pixels clearly darker than
 * a large-median background are replaced by that background, the mask grown by a couple of
 * pixels so no dark rim remains. Brighter structures (clouds) are left alone.
 */
export const removeDarkSpecks = (region: FractionRect, options: { threshold: number; backgroundMedian: number }): Operation => async (input) => {
  const image = await readRgb(input);
  const background = await readRgb(await toPng(sharp(input).median(options.backgroundMedian)));
  const { width, height, data } = image;
  const luma = (source: Uint8Array, p: number) => 0.299 * source[p] + 0.587 * source[p + 1] + 0.114 * source[p + 2];
  const raw = new Float32Array(width * height);
  const x0 = Math.round(region.x * width);
  const x1 = Math.round((region.x + region.width) * width);
  const y0 = Math.round(region.y * height);
  const y1 = Math.round((region.y + region.height) * height);
  for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
      const p = (y * width + x) * 3;
      raw[y * width + x] = Math.max(0, Math.min(1, (luma(background.data, p) - luma(data, p) - options.threshold) / 10));
    }
  }
  // Grow by 2 px (max filter), then soften by 1 px (box blur).
  const grown = new Float32Array(raw.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let max = 0;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) {
        const yy = y + dy, xx = x + dx;
        if (yy >= 0 && yy < height && xx >= 0 && xx < width) max = Math.max(max, raw[yy * width + xx]);
      }
      grown[y * width + x] = max;
    }
  }
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0, count = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const yy = y + dy, xx = x + dx;
        if (yy >= 0 && yy < height && xx >= 0 && xx < width) { sum += grown[yy * width + xx]; count++; }
      }
      const weight = sum / count;
      const p = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) out[p + c] = Math.round(data[p + c] * (1 - weight) + background.data[p + c] * weight);
    }
  }
  return rgbToPng({ width, height, data: out });
};

/** Mean colour of a ring around a point (fractions of the width): the local background. */
export async function ringColour(input: Buffer, centre: { x: number; y: number }, inner: number, outer: number): Promise<string> {
  const image = await readRgb(input);
  const cx = centre.x * image.width;
  const cy = centre.y * image.height;
  const sums = [0, 0, 0];
  let count = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const distance = Math.hypot(x - cx, y - cy) / image.width;
      if (distance < inner || distance > outer) continue;
      for (let c = 0; c < 3; c++) sums[c] += image.data[(y * image.width + x) * 3 + c];
      count++;
    }
  }
  const [r, g, b] = sums.map((sum) => Math.round(sum / Math.max(1, count)));
  return `rgb(${r},${g},${b})`;
}
