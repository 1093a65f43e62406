// Small pixel helpers shared by the offline metrics judge and the demo generator. Images are
// decoded once by sharp into 8-bit RGB; everything after that is plain TypeScript over typed
// arrays, so results are deterministic and need no native code beyond the decoder.
import sharp from "sharp";

export type RgbImage = { width: number; height: number; data: Uint8Array };
export type GrayImage = { width: number; height: number; data: Float32Array };

/** A rectangle in fractions of an image (0..1 inside it; values outside mean "beyond the edge"). */
export type FractionRect = { x: number; y: number; width: number; height: number };

/** Width and height fitted inside a `maxSide` square, keeping the aspect ratio; never enlarges. */
export function fitInside(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Decodes any sharp-readable image to 8-bit sRGB without alpha (flattened on white, as a
 * viewer would show it), honouring EXIF orientation, optionally shrunk to `maxSide`.
 */
export async function decodeRgb(input: Buffer, maxSide?: number): Promise<RgbImage> {
  let pipeline = sharp(input).rotate().flatten({ background: "#ffffff" }).toColourspace("srgb");
  if (maxSide !== undefined) {
    pipeline = pipeline.resize({ width: maxSide, height: maxSide, fit: "inside", withoutEnlargement: true });
  }
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Decodes to exactly `width`×`height`, stretching if needed (used for an edit's own frame). */
export async function decodeRgbExact(input: Buffer, width: number, height: number): Promise<RgbImage> {
  const { data, info } = await sharp(input)
    .rotate()
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .resize({ width, height, fit: "fill" })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Rec. 601 luma in 0..255. */
export function toGray(image: RgbImage): GrayImage {
  const out = new Float32Array(image.width * image.height);
  const { data } = image;
  for (let i = 0, p = 0; i < out.length; i++, p += 3) {
    out[i] = 0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2];
  }
  return { width: image.width, height: image.height, data: out };
}

/**
 * Samples `rect` of `image` (fractions; may reach beyond the edges) into an `outWidth`×`outHeight`
 * RGB float grid with bilinear interpolation. `covered[i]` is 1 where the sample fell inside the
 * image, 0 where it fell beyond (letterbox / outpainted area).
 */
export function sampleRect(
  image: RgbImage,
  rect: FractionRect,
  outWidth: number,
  outHeight: number,
): { data: Float32Array; covered: Uint8Array } {
  const data = new Float32Array(outWidth * outHeight * 3);
  const covered = new Uint8Array(outWidth * outHeight);
  const { width, height } = image;
  const src = image.data;
  for (let v = 0; v < outHeight; v++) {
    // Pixel centres: fraction of the output frame → fraction of the source → source pixel coords.
    const sy = (rect.y + ((v + 0.5) / outHeight) * rect.height) * height - 0.5;
    for (let u = 0; u < outWidth; u++) {
      const sx = (rect.x + ((u + 0.5) / outWidth) * rect.width) * width - 0.5;
      const i = v * outWidth + u;
      if (sx < -0.5 || sy < -0.5 || sx > width - 0.5 || sy > height - 0.5) continue;
      covered[i] = 1;
      const x0 = Math.min(width - 1, Math.max(0, Math.floor(sx)));
      const y0 = Math.min(height - 1, Math.max(0, Math.floor(sy)));
      const x1 = Math.min(width - 1, x0 + 1);
      const y1 = Math.min(height - 1, y0 + 1);
      const fx = Math.min(1, Math.max(0, sx - x0));
      const fy = Math.min(1, Math.max(0, sy - y0));
      for (let c = 0; c < 3; c++) {
        const a = src[(y0 * width + x0) * 3 + c];
        const b = src[(y0 * width + x1) * 3 + c];
        const d = src[(y1 * width + x0) * 3 + c];
        const e = src[(y1 * width + x1) * 3 + c];
        data[i * 3 + c] = (a * (1 - fx) + b * fx) * (1 - fy) + (d * (1 - fx) + e * fx) * fy;
      }
    }
  }
  return { data, covered };
}

/** `sampleRect` for one grey plane: the registration's inner loop, so kept lean. */
export function sampleGrayRect(
  image: GrayImage,
  rect: FractionRect,
  outWidth: number,
  outHeight: number,
): { data: Float32Array; covered: Uint8Array } {
  const data = new Float32Array(outWidth * outHeight);
  const covered = new Uint8Array(outWidth * outHeight);
  const { width, height } = image;
  const src = image.data;
  for (let v = 0; v < outHeight; v++) {
    const sy = (rect.y + ((v + 0.5) / outHeight) * rect.height) * height - 0.5;
    if (sy < -0.5 || sy > height - 0.5) continue;
    const y0 = Math.min(height - 1, Math.max(0, Math.floor(sy)));
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = Math.min(1, Math.max(0, sy - y0));
    for (let u = 0; u < outWidth; u++) {
      const sx = (rect.x + ((u + 0.5) / outWidth) * rect.width) * width - 0.5;
      if (sx < -0.5 || sx > width - 0.5) continue;
      const i = v * outWidth + u;
      covered[i] = 1;
      const x0 = Math.min(width - 1, Math.max(0, Math.floor(sx)));
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = Math.min(1, Math.max(0, sx - x0));
      const top = src[y0 * width + x0] * (1 - fx) + src[y0 * width + x1] * fx;
      const bottom = src[y1 * width + x0] * (1 - fx) + src[y1 * width + x1] * fx;
      data[i] = top * (1 - fy) + bottom * fy;
    }
  }
  return { data, covered };
}

/** 3×3 binomial blur of an interleaved float image with `channels` channels (edges clamped). */
export function binomialBlur(data: Float32Array, width: number, height: number, channels: number): Float32Array {
  const tmp = new Float32Array(data.length);
  const out = new Float32Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const xl = Math.max(0, x - 1);
      const xr = Math.min(width - 1, x + 1);
      for (let c = 0; c < channels; c++) {
        const row = y * width;
        tmp[(row + x) * channels + c] =
          0.25 * data[(row + xl) * channels + c] + 0.5 * data[(row + x) * channels + c] + 0.25 * data[(row + xr) * channels + c];
      }
    }
  }
  for (let y = 0; y < height; y++) {
    const yu = Math.max(0, y - 1);
    const yd = Math.min(height - 1, y + 1);
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        out[(y * width + x) * channels + c] =
          0.25 * tmp[(yu * width + x) * channels + c] +
          0.5 * tmp[(y * width + x) * channels + c] +
          0.25 * tmp[(yd * width + x) * channels + c];
      }
    }
  }
  return out;
}

/** Luma of an interleaved RGB float grid. */
export function lumaOf(rgb: Float32Array): Float32Array {
  const out = new Float32Array(rgb.length / 3);
  for (let i = 0, p = 0; i < out.length; i++, p += 3) out[i] = 0.299 * rgb[p] + 0.587 * rgb[p + 1] + 0.114 * rgb[p + 2];
  return out;
}

/**
 * Variance of the 4-neighbour Laplacian over interior pixels where `mask` (optional) is set:
 * the classic focus measure. Blur removes high frequencies and drives it towards 0.
 */
export function laplacianVariance(gray: Float32Array, width: number, height: number, mask?: Uint8Array): number {
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (mask && !(mask[i] && mask[i - 1] && mask[i + 1] && mask[i - width] && mask[i + width])) continue;
      const value = gray[i - 1] + gray[i + 1] + gray[i - width] + gray[i + width] - 4 * gray[i];
      sum += value;
      sumSq += value * value;
      count++;
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return Math.max(0, sumSq / count - mean * mean);
}

/** Zero-mean normalised cross-correlation of two equally sized planes over `mask`; 0 when flat. */
function maskedCorrelation(a: Float32Array, b: Float32Array, mask: Uint8Array): { correlation: number; count: number } {
  let count = 0;
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < a.length; i++) {
    if (!mask[i]) continue;
    sumA += a[i];
    sumB += b[i];
    count++;
  }
  if (count < 16) return { correlation: 0, count };
  const meanA = sumA / count;
  const meanB = sumB / count;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < a.length; i++) {
    if (!mask[i]) continue;
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    cov += da * db;
    varA += da * da;
    varB += db * db;
  }
  // A flat patch (variance under ~1 grey level²) correlates with nothing meaningfully.
  if (varA < count || varB < count) return { correlation: 0, count };
  return { correlation: cov / Math.sqrt(varA * varB), count };
}

export type Registration = { rect: FractionRect; correlation: number; coverage: number };

// Uncovered frame area costs as much as a weak match, so a tiny well-matching crop never beats
// the whole picture; a mild prior on scale keeps "same framing" when evidence is ambiguous.
const UNCOVERED_COST = 0.6;
const SCALE_PRIOR = 0.03;
const MIN_RECT_SIDE = 1 / 3; // deepest zoom-in considered (3×)
const MAX_RECT_SIDE = 2; // widest zoom-out / outpainting considered (2×)
const REFINED_CANDIDATES = 3;
const DISTORTION_COST = 0.5; // per unit of |ln(aspect change)|
const FREE_DISTORTION = 0.04; // editors round sides to multiples of 16: a few percent is normal
const SNAP_TOLERANCE = 0.01; // offsets below 1% of the frame count as the same framing

/**
 * Finds where an edit's frame sits in its source: the source rectangle (fractions, possibly
 * reaching beyond the source for outpainting) that best explains the edit's luma. Coarse grid
 * (stretch, letterbox, centred and shifted crops) then a pattern search. Robust to global tone
 * changes because it maximises correlation, not equality.
 */
export function registerFrames(source: RgbImage, edit: GrayImage, fine?: { source: RgbImage; edit: GrayImage }): Registration {
  const sourceAspect = source.width / source.height;
  const editAspect = edit.width / edit.height;
  const cost = costFunction(source, edit);

  const candidates: FractionRect[] = [{ x: 0, y: 0, width: 1, height: 1 }];
  // Letterbox (outpainting): the whole source inside the edit's frame, centred or at either side.
  const contain =
    editAspect > sourceAspect ? { width: editAspect / sourceAspect, height: 1 } : { width: 1, height: sourceAspect / editAspect };
  for (const ax of [0, 0.5, 1]) {
    for (const ay of [0, 0.5, 1]) {
      candidates.push({ x: -(contain.width - 1) * ax, y: -(contain.height - 1) * ay, ...contain });
    }
  }
  // Crops (zoom-in, reframing) at several scales and positions; zoom below 1 is a wider frame
  // than the source (zoomed out and shifted, part of the frame new).
  const cover =
    editAspect > sourceAspect ? { width: 1, height: sourceAspect / editAspect } : { width: editAspect / sourceAspect, height: 1 };
  for (const zoom of [0.77, 0.87, 1, 1.12, 1.25, 1.6, 2, 2.5, 3]) {
    const width = cover.width / zoom;
    const height = cover.height / zoom;
    for (let gy = 0; gy <= 4; gy++) {
      for (let gx = 0; gx <= 4; gx++) {
        // Positions overhang the source by up to 10% of the frame: reframed shots often do.
        candidates.push({
          x: -0.1 * width + ((1 - 0.8 * width) * gx) / 4,
          y: -0.1 * height + ((1 - 0.8 * height) * gy) / 4,
          width,
          height,
        });
      }
    }
  }

  // Refine the three best coarse candidates: low-texture scenes can rank the true framing
  // second or third on the coarse grid.
  const ranked = candidates.map((rect) => ({ rect, result: cost(rect) })).sort((a, b) => a.result.value - b.result.value);
  let best = ranked[0].rect;
  let bestCost = ranked[0].result;
  for (const start of ranked.slice(0, REFINED_CANDIDATES)) {
    const refined = refine(start.rect, start.result, cost);
    if (refined.result.value < bestCost.value - 1e-9) {
      best = refined.rect;
      bestCost = refined.result;
    }
  }

  // Resampling at the coarse scale wobbles the optimum by a fraction of a pixel: when the result
  // is within that wobble of "same framing", prefer the exact identity so an unchanged image
  // compares pixel for pixel.
  // A last pass at a finer scale, when given: the coarse grid is only good to about a pixel of
  // 64, which misaligns fine texture enough to read as change.
  const fineCost = fine ? costFunction(fine.source, fine.edit) : undefined;
  if (fineCost) {
    const refined = refine(best, fineCost(best), fineCost, 0.006);
    best = refined.rect;
    bestCost = refined.result;
  }
  const identity = candidates[0];
  const isNearIdentity =
    Math.abs(best.x) < SNAP_TOLERANCE &&
    Math.abs(best.y) < SNAP_TOLERANCE &&
    Math.abs(best.width - 1) < 2 * SNAP_TOLERANCE &&
    Math.abs(best.height - 1) < 2 * SNAP_TOLERANCE;
  if (isNearIdentity) {
    const result = (fineCost ?? cost)(identity);
    return { rect: identity, correlation: result.correlation, coverage: result.coverage };
  }
  return { rect: best, correlation: bestCost.correlation, coverage: bestCost.coverage };
}

type CostResult = { value: number; correlation: number; coverage: number };

/** How badly `rect` of `source` explains `edit`: weak correlation, uncovered frame, scale and stretch all cost. */
function costFunction(sourceImage: RgbImage, edit: GrayImage): (rect: FractionRect) => CostResult {
  const editAspect = edit.width / edit.height;
  const source = toGray(sourceImage);
  return (rect) => {
    const sampled = sampleGrayRect(source, rect, edit.width, edit.height);
    const { correlation, count } = maskedCorrelation(sampled.data, edit.data, sampled.covered);
    const coverage = count / edit.data.length;
    const scalePenalty = SCALE_PRIOR * Math.abs(Math.log(rect.width * rect.height));
    // Stretching is rarely what an editor did: charge for it, so a horizontally uniform scene
    // extended to a wider frame is read as outpainting, not as a squeezed copy.
    const distortion = Math.abs(Math.log((rect.width * source.width) / (rect.height * source.height) / editAspect));
    const distortionPenalty = DISTORTION_COST * Math.max(0, distortion - FREE_DISTORTION);
    return {
      value: (1 - correlation) * coverage + UNCOVERED_COST * (1 - coverage) + scalePenalty + distortionPenalty,
      correlation,
      coverage,
    };
  };
}

/** Pattern search: nudge position and size, halving the step until it is a fraction of a pixel. */
function refine(
  start: FractionRect,
  startCost: CostResult,
  cost: (rect: FractionRect) => CostResult,
  firstStep = 0.04,
): { rect: FractionRect; result: CostResult } {
  const clampSide = (value: number) => Math.min(MAX_RECT_SIDE, Math.max(MIN_RECT_SIDE, value));
  let best = start;
  let bestCost = startCost;
  for (let step = firstStep; step > 0.001; step /= 2) {
    let isImproved = true;
    for (let round = 0; isImproved && round < 8; round++) {
      isImproved = false;
      const moves: FractionRect[] = [];
      for (const sign of [-1, 1]) {
        moves.push({ ...best, x: best.x + sign * step * best.width });
        moves.push({ ...best, y: best.y + sign * step * best.height });
        const grownWidth = clampSide(best.width * (1 + sign * step));
        const grownHeight = clampSide(best.height * (1 + sign * step));
        moves.push({
          x: best.x - (grownWidth - best.width) / 2,
          y: best.y - (grownHeight - best.height) / 2,
          width: grownWidth,
          height: grownHeight,
        });
        moves.push({ ...best, x: best.x - (grownWidth - best.width) / 2, width: grownWidth });
      }
      for (const rect of moves) {
        const result = cost(rect);
        if (result.value < bestCost.value - 1e-9) {
          best = rect;
          bestCost = result;
          isImproved = true;
        }
      }
    }
  }
  return { rect: best, result: bestCost };
}
