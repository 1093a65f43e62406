// The offline `metrics` judge: scores only what pixels can tell. Preservation balance comes from
// how much of the source survives in the edit once both sit in one common frame; technical
// quality from sharpness, clipping, noise and JPEG blockiness of the edit (relative to its source
// where that is fairer). Instruction compliance and seamlessness need to understand the request,
// so they stay null and the rationale says so. Deterministic: same bytes in, same scores out.
import sharp, { type Metadata } from "sharp";
import { commonFrame } from "../canvas/common-frame";
import { describeDifference, differenceHeatmap, differenceLayout, type DifferenceStats } from "../canvas/difference";
import type { Rect } from "../canvas/geometry";
import {
  binomialBlur,
  decodeRgb,
  decodeRgbExact,
  laplacianVariance,
  lumaOf,
  registerFrames,
  sampleRect,
  toGray,
  type GrayImage,
  type RgbImage,
} from "../images/pixels";

export const METRICS_JUDGE_ID = "metrics/pixel-v1";

export type MetricsResult = {
  instruction_compliance: null;
  seamlessness: null;
  preservation_balance: number;
  technical_quality: number;
  rationale: string;
  details: Record<string, number>;
};

// Analysis sizes. The common frame has the edit's aspect ratio, longest side 256 px: enough to
// see object-scale change, small enough to be fast. Registration runs coarser.
const FRAME_SIDE = 256;
const REGISTRATION_SIDE = 64;
const REGISTRATION_SOURCE_SIDE = 192;
const FINE_REGISTRATION_SIDE = 128; // final sub-pixel alignment pass
const FINE_REGISTRATION_SOURCE_SIDE = 384;
const QUALITY_SIDE = 512; // sharpness, clipping and noise at one scale so sizes compare
const BLOCK_CROP_SIDE = 1024; // blockiness needs the native 8×8 grid: crop, never resample

// Preservation constants.
const CHANGE_THRESHOLD = 0.1; // mean |ΔRGB| / 255 above which a pixel counts as changed
const MEAN_DIFF_FULL = 0.3; // mean difference treated as "everything replaced"
const PRESERVATION_WEIGHTS = { changed: 0.45, meanDiff: 0.25, structure: 0.3 } as const;
// Geometry: |ln(edit aspect / aspect of the matched source region)|. Rounding sides to multiples
// of 16 distorts by a few percent; squeezing the picture into a new frame distorts far more.
const DISTORTION_TOLERANCE = 0.04;
const DISTORTION_FULL = 0.3; // distortion beyond the tolerance at which the full penalty applies
const DISTORTION_WEIGHT = 0.6; // share of the preservation score a fully distorted image loses

/** Canvas changed share below which the rationale may call an edit a possible under-edit. */
const UNDER_EDIT_CANVAS_SHARE = 0.001;

// Technical-quality constants.
const SHARPNESS_HALF = 60; // Laplacian variance (grey levels²) at 512 px scoring 0.5 on its own
const CLIP_LOW = 2; // all channels ≤ this: crushed black
const CLIP_HIGH = 253; // all channels ≥ this: blown white
const CLIP_TOLERANCE = 0.005; // newly clipped share ignored (JPEG ringing, tiny highlights)
const CLIP_FULL = 0.15; // newly clipped share scoring 0
const NOISE_TOLERANCE = 0.5; // added noise σ (grey levels) ignored
const NOISE_FULL = 5; // added noise σ beyond the tolerance scoring 0
// Blockiness is the edit's boundary/interior step ratio minus the source's (smooth photos read
// up to ~1.4 at q85 by themselves; JPEG q≈5 reads 3–5).
const BLOCK_TOLERANCE = 0.15; // added blockiness ignored
const BLOCK_FULL = 1.25; // added blockiness beyond the tolerance scoring 0
const BLOCK_STEP_FLOOR = 0.5; // grey levels added to both steps so flat, smooth images read ≈1
const QUALITY_WEIGHTS = { sharpness: 0.35, clipping: 0.2, noise: 0.2, blockiness: 0.25 } as const;

/** Drawn into an RGBA buffer of the layout's size at `rect`, transparent elsewhere (like a canvas drawImage). */
async function drawInto(input: Buffer, rect: Rect, width: number, height: number): Promise<Uint8ClampedArray> {
  const { data } = await sharp(input)
    .rotate()
    .toColourspace("srgb")
    .resize({ width: rect.width, height: rect.height, fit: "fill" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < rect.height; row++) {
    out.set(data.subarray(row * rect.width * 4, (row + 1) * rect.width * 4), ((rect.y + row) * width + rect.x) * 4);
  }
  return out;
}

/**
 * What the compare canvas's difference mode shows for this pair: both images contain-fitted into
 * the common frame (lib/canvas/common-frame, bounded like the browser's), compared by the same
 * differenceHeatmap. "Changed pixels" in the rationale is this number, so the two never disagree.
 */
export async function canvasDifference(source: Buffer, edit: Buffer): Promise<DifferenceStats> {
  const [sourceMeta, editMeta] = await Promise.all([sharp(source).metadata(), sharp(edit).metadata()]);
  const size = (meta: Metadata) => ({
    width: meta.autoOrient?.width ?? meta.width ?? 1,
    height: meta.autoOrient?.height ?? meta.height ?? 1,
  });
  const layout = differenceLayout(commonFrame(size(sourceMeta), size(editMeta)));
  const [a, b] = await Promise.all([
    drawInto(source, layout.source, layout.width, layout.height),
    drawInto(edit, layout.edit, layout.width, layout.height),
  ]);
  return differenceHeatmap(a, b, layout.width, layout.height).stats;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

export async function scoreWithMetrics(source: Buffer, edit: Buffer): Promise<MetricsResult> {
  const [editMeta, sourceMeta] = await Promise.all([sharp(edit).rotate().metadata(), sharp(source).rotate().metadata()]);
  const editWidth = editMeta.autoOrient?.width ?? editMeta.width ?? 1;
  const editHeight = editMeta.autoOrient?.height ?? editMeta.height ?? 1;
  const sourceNativeWidth = sourceMeta.autoOrient?.width ?? sourceMeta.width ?? 1;
  const sourceNativeHeight = sourceMeta.autoOrient?.height ?? sourceMeta.height ?? 1;
  const editSizeAt = (side: number) => {
    const scale = side / Math.max(editWidth, editHeight);
    return { width: Math.max(8, Math.round(editWidth * scale)), height: Math.max(8, Math.round(editHeight * scale)) };
  };
  const frame = editSizeAt(FRAME_SIDE);
  const coarse = editSizeAt(REGISTRATION_SIDE);
  const fine = editSizeAt(FINE_REGISTRATION_SIDE);
  // What the compare canvas will show for this pair (same frame, same code): started first, it runs beside the decodes.
  const canvasPromise = canvasDifference(source, edit);
  // Decoding dominates the wall time and runs on sharp's threads: start every decode at once.
  const [coarseSource, fineSource, coarseEdit, fineEdit, editFrame, editQuality, sourceQuality, editBlocks, sourceBlocks] =
    await Promise.all([
      decodeRgb(source, REGISTRATION_SOURCE_SIDE),
      decodeRgb(source, FINE_REGISTRATION_SOURCE_SIDE),
      decodeRgbExact(edit, coarse.width, coarse.height),
      decodeRgbExact(edit, fine.width, fine.height),
      decodeRgbExact(edit, frame.width, frame.height),
      decodeRgb(edit, QUALITY_SIDE),
      decodeRgb(source, QUALITY_SIDE),
      nativeGrayCrop(edit),
      nativeGrayCrop(source),
    ]);

  // 1. Where does the edit's frame sit in the source? (zoom-in crops, outpainting, reframing)
  const registration = registerFrames(coarseSource, toGray(coarseEdit), { source: fineSource, edit: toGray(fineEdit) });
  const { rect } = registration;

  // 2. Both images in the common frame: the edit resized, the source sampled through `rect` at
  //    roughly 1:1 so resampling itself adds no blur or aliasing.
  const frameWidth = frame.width;
  const frameHeight = frame.height;
  const sourceForFrame = await decodeRgbExact(
    source,
    Math.min(sourceNativeWidth, Math.max(8, Math.round(frameWidth / rect.width))),
    Math.min(sourceNativeHeight, Math.max(8, Math.round(frameHeight / rect.height))),
  );
  const sampled = sampleRect(sourceForFrame, rect, frameWidth, frameHeight);
  const editFloat = Float32Array.from(editFrame.data);
  const preservation = measurePreservation(sampled.data, editFloat, sampled.covered, frameWidth, frameHeight);
  const regionAspect = (rect.width * sourceNativeWidth) / (rect.height * sourceNativeHeight);
  const aspectDistortion = Math.abs(Math.log(editWidth / editHeight / regionAspect));
  const distortionPenalty = clamp01((aspectDistortion - DISTORTION_TOLERANCE) / DISTORTION_FULL);
  const preservationScore = preservation.score * (1 - DISTORTION_WEIGHT * distortionPenalty);

  // 3. Technical quality of the edit, relative to the source where content matters.
  const editQualityGray = toGray(editQuality);
  const sourceQualityGray = toGray(sourceQuality);
  const absoluteSharpness = laplacianVariance(editQualityGray.data, editQualityGray.width, editQualityGray.height);
  const editFrameSharpness = laplacianVariance(lumaOf(editFloat), frameWidth, frameHeight, sampled.covered);
  const sourceFrameSharpness = laplacianVariance(lumaOf(sampled.data), frameWidth, frameHeight, sampled.covered);
  const sharpnessRatio = sourceFrameSharpness > 1 ? editFrameSharpness / sourceFrameSharpness : 1;
  // A naturally soft photo is not the editor's fault: take the better of absolute and relative.
  const sharpnessScore = Math.max(absoluteSharpness / (absoluteSharpness + SHARPNESS_HALF), Math.min(1, sharpnessRatio));

  const clippedShare = clippedFraction(editQuality);
  const clippedExcess = Math.max(0, clippedShare - clippedFraction(sourceQuality));
  const clippingScore = 1 - clamp01((clippedExcess - CLIP_TOLERANCE) / CLIP_FULL);

  const noiseSigma = noiseEstimate(editQualityGray);
  const noiseExcess = noiseSigma - noiseEstimate(sourceQualityGray);
  const noiseScore = 1 - clamp01((noiseExcess - NOISE_TOLERANCE) / NOISE_FULL);

  const blockiness = blockinessRatio(editBlocks);
  const blockinessExcess = blockiness - Math.max(1, blockinessRatio(sourceBlocks));
  const blockinessScore = 1 - clamp01((blockinessExcess - BLOCK_TOLERANCE) / BLOCK_FULL);

  const components = { sharpness: sharpnessScore, clipping: clippingScore, noise: noiseScore, blockiness: blockinessScore };
  let weighted = 0;
  for (const key of Object.keys(QUALITY_WEIGHTS) as (keyof typeof QUALITY_WEIGHTS)[]) weighted += QUALITY_WEIGHTS[key] * components[key];
  // One severe defect (a smeared or blocky image) should sink the score, not be averaged away.
  const technicalQuality = 0.5 * weighted + 0.5 * Math.min(...Object.values(components));

  const canvas = await canvasPromise;
  const details: Record<string, number> = {
    // The compare canvas's numbers (lib/canvas/difference): what a reviewer sees in difference mode.
    changed_share: canvas.changedShare,
    mean_diff: canvas.meanDiff,
    // The same pair aligned by registration and lightly blurred: what the preservation score uses,
    // because it forgives crops, outpainting and half-pixel shifts the canvas frame cannot.
    aligned_changed_share: preservation.changedShare,
    aligned_mean_diff: preservation.meanDiff,
    structure: preservation.structure,
    new_area_share: 1 - registration.coverage,
    aspect_distortion: aspectDistortion,
    align_x: rect.x,
    align_y: rect.y,
    align_width: rect.width,
    align_height: rect.height,
    align_correlation: registration.correlation,
    laplacian_variance: absoluteSharpness,
    sharpness_ratio: sharpnessRatio,
    sharpness_score: sharpnessScore,
    clipped_share: clippedShare,
    clipped_excess: clippedExcess,
    clipping_score: clippingScore,
    noise_sigma: noiseSigma,
    noise_excess: noiseExcess,
    noise_score: noiseScore,
    blockiness,
    blockiness_excess: blockinessExcess,
    blockiness_score: blockinessScore,
  };
  for (const key of Object.keys(details)) details[key] = round4(details[key]);

  return {
    instruction_compliance: null,
    seamlessness: null,
    preservation_balance: round4(preservationScore),
    technical_quality: round4(technicalQuality),
    rationale: describe(details, preservationScore),
    details,
  };
}

type Preservation = { score: number; changedShare: number; meanDiff: number; structure: number };

function measurePreservation(source: Float32Array, edit: Float32Array, covered: Uint8Array, width: number, height: number): Preservation {
  // A light blur on both sides keeps JPEG noise and half-pixel misalignment from counting as change.
  const a = binomialBlur(source, width, height, 3);
  const b = binomialBlur(edit, width, height, 3);
  let count = 0;
  let changed = 0;
  let diffSum = 0;
  for (let i = 0; i < covered.length; i++) {
    if (!covered[i]) continue;
    const p = i * 3;
    const diff = (Math.abs(a[p] - b[p]) + Math.abs(a[p + 1] - b[p + 1]) + Math.abs(a[p + 2] - b[p + 2])) / (3 * 255);
    diffSum += diff;
    if (diff > CHANGE_THRESHOLD) changed++;
    count++;
  }
  if (count === 0) return { score: 0, changedShare: 1, meanDiff: 1, structure: 0 };
  const changedShare = changed / count;
  const meanDiff = diffSum / count;
  const structure = blockSsim(lumaOf(a), lumaOf(b), covered, width, height);
  const loss =
    PRESERVATION_WEIGHTS.changed * changedShare +
    PRESERVATION_WEIGHTS.meanDiff * Math.min(1, meanDiff / MEAN_DIFF_FULL) +
    PRESERVATION_WEIGHTS.structure * (1 - Math.max(0, structure));
  return { score: clamp01(1 - loss), changedShare, meanDiff, structure };
}

/** Mean SSIM of luma over non-overlapping 8×8 blocks that are fully covered. */
function blockSsim(a: Float32Array, b: Float32Array, covered: Uint8Array, width: number, height: number): number {
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let total = 0;
  let blocks = 0;
  for (let by = 0; by + 8 <= height; by += 8) {
    for (let bx = 0; bx + 8 <= width; bx += 8) {
      let sa = 0,
        sb = 0,
        saa = 0,
        sbb = 0,
        sab = 0;
      let isFull = true;
      for (let y = by; y < by + 8 && isFull; y++) {
        for (let x = bx; x < bx + 8; x++) {
          const i = y * width + x;
          if (!covered[i]) {
            isFull = false;
            break;
          }
          sa += a[i];
          sb += b[i];
          saa += a[i] * a[i];
          sbb += b[i] * b[i];
          sab += a[i] * b[i];
        }
      }
      if (!isFull) continue;
      const ma = sa / 64,
        mb = sb / 64;
      const va = saa / 64 - ma * ma,
        vb = sbb / 64 - mb * mb,
        cov = sab / 64 - ma * mb;
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      blocks++;
    }
  }
  return blocks === 0 ? 0 : total / blocks;
}

function clippedFraction(image: RgbImage): number {
  const { data } = image;
  let clipped = 0;
  for (let p = 0; p < data.length; p += 3) {
    const low = data[p] <= CLIP_LOW && data[p + 1] <= CLIP_LOW && data[p + 2] <= CLIP_LOW;
    const high = data[p] >= CLIP_HIGH && data[p + 1] >= CLIP_HIGH && data[p + 2] >= CLIP_HIGH;
    if (low || high) clipped++;
  }
  return clipped / (data.length / 3);
}

/** Immerkær's fast noise σ estimate (1996): a Laplacian-difference kernel that cancels edges' first order. */
function noiseEstimate(gray: GrayImage): number {
  const { width, height, data } = gray;
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const value =
        data[i - width - 1] -
        2 * data[i - width] +
        data[i - width + 1] -
        2 * data[i - 1] +
        4 * data[i] -
        2 * data[i + 1] +
        data[i + width - 1] -
        2 * data[i + width] +
        data[i + width + 1];
      sum += Math.abs(value);
    }
  }
  return (Math.sqrt(Math.PI / 2) * sum) / (6 * (width - 2) * (height - 2));
}

async function nativeGrayCrop(input: Buffer): Promise<GrayImage> {
  const meta = await sharp(input).metadata();
  const width = meta.width ?? 1;
  const height = meta.height ?? 1;
  // Crop offsets on multiples of 8 keep the JPEG grid where it was.
  const cropWidth = Math.min(width, BLOCK_CROP_SIDE);
  const cropHeight = Math.min(height, BLOCK_CROP_SIDE);
  const left = Math.floor((width - cropWidth) / 16) * 8;
  const top = Math.floor((height - cropHeight) / 16) * 8;
  const rgb = await sharp(input)
    .extract({ left, top, width: cropWidth, height: cropHeight })
    .flatten({ background: "#ffffff" })
    .toColourspace("srgb")
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return toGray({ width: rgb.info.width, height: rgb.info.height, data: new Uint8Array(rgb.data) });
}

/**
 * Mean absolute luma step across 8-pixel block boundaries divided by the mean step elsewhere.
 * Heavy JPEG compression makes blocks flat inside and stepped at their edges: ratio well above 1.
 */
function blockinessRatio(gray: GrayImage): number {
  const { width, height, data } = gray;
  let boundary = 0,
    boundaryCount = 0,
    interior = 0,
    interiorCount = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x + 1 < width; x++) {
      const step = Math.abs(data[y * width + x + 1] - data[y * width + x]);
      if (x % 8 === 7) {
        boundary += step;
        boundaryCount++;
      } else {
        interior += step;
        interiorCount++;
      }
    }
  }
  for (let y = 0; y + 1 < height; y++) {
    for (let x = 0; x < width; x++) {
      const step = Math.abs(data[(y + 1) * width + x] - data[y * width + x]);
      if (y % 8 === 7) {
        boundary += step;
        boundaryCount++;
      } else {
        interior += step;
        interiorCount++;
      }
    }
  }
  if (boundaryCount === 0 || interiorCount === 0) return 1;
  return (boundary / boundaryCount + BLOCK_STEP_FLOOR) / (interior / interiorCount + BLOCK_STEP_FLOOR);
}

const percent = (value: number) => `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;

function describe(details: Record<string, number>, preservation: number): string {
  const canvas = { changedShare: details.changed_share, meanDiff: details.mean_diff, comparedPixels: 0, maxDiff: 0 };
  const parts = [`Compare canvas: ${describeDifference(canvas)}; structure ${details.structure.toFixed(2)}`];
  const zoom = 1 / Math.sqrt(details.align_width * details.align_height);
  const isReframed = details.new_area_share > 0.02 || zoom > 1.1 || details.aspect_distortion > DISTORTION_TOLERANCE;
  if (details.new_area_share > 0.02) parts[0] += `, new area ${percent(details.new_area_share)}`;
  if (zoom > 1.1) parts[0] += ` (edit matches a ${zoom.toFixed(1)}× crop of the source)`;
  if (details.aspect_distortion > DISTORTION_TOLERANCE)
    parts[0] += `, geometry stretched ${percent(Math.exp(details.aspect_distortion) - 1)}`;
  if (isReframed) parts[0] += `; aligned to the matching source region, ${percent(details.aligned_changed_share)} changed`;
  parts.push(
    `sharpness ${details.sharpness_score.toFixed(2)}, clipped ${percent(details.clipped_share)}, added noise ${details.noise_excess.toFixed(1)}, blockiness ${details.blockiness.toFixed(2)}`,
  );
  let sentence = `${parts.join("; ")}.`;
  // Only when the canvas shows (almost) nothing as well: a judge must not call "unchanged" what a reviewer sees change.
  if (details.aligned_changed_share < 0.005 && details.changed_share < UNDER_EDIT_CANVAS_SHARE && preservation > 0.97)
    sentence += " Almost nothing changed: possibly an under-edit.";
  return `${sentence} Instruction compliance and seamlessness need a vision judge: not scored.`;
}
