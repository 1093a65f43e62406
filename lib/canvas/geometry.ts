// Plain geometry shared by the compare canvas. Everything here is pure so it can be unit-tested
// without a browser; Konva components only draw what these functions compute.

export type Size = { width: number; height: number };
export type Point = { x: number; y: number };
export type Rect = { x: number; y: number; width: number; height: number };

/** Where `content` lands when "contain"-fitted and centred in `frame`: scale plus the placed rect. */
export type FitResult = Rect & { scale: number };

export function isUsableSize(size: Size | null | undefined): size is Size {
  return !!size && Number.isFinite(size.width) && Number.isFinite(size.height) && size.width > 0 && size.height > 0;
}

/**
 * Contain-fit: the largest uniform scale at which `content` still fits inside `frame`, centred.
 * Degenerate sizes give scale 0 and an empty rect at the frame centre rather than NaN, so a
 * half-loaded image never poisons the view maths.
 */
export function fitRect(content: Size, frame: Size): FitResult {
  if (!isUsableSize(content) || !isUsableSize(frame)) {
    return { scale: 0, x: (frame.width || 0) / 2, y: (frame.height || 0) / 2, width: 0, height: 0 };
  }
  const scale = Math.min(frame.width / content.width, frame.height / content.height);
  const width = content.width * scale;
  const height = content.height * scale;
  return { scale, x: (frame.width - width) / 2, y: (frame.height - height) / 2, width, height };
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function gcd(a: number, b: number): number {
  let x = Math.abs(Math.round(a));
  let y = Math.abs(Math.round(b));
  while (y) [x, y] = [y, x % y];
  return x || 1;
}

// Ratios people recognise; an approximate match is shown as "≈3:2" instead of "683:512".
const COMMON_RATIOS: readonly [number, number][] = [
  [1, 1],
  [5, 4],
  [4, 3],
  [3, 2],
  [16, 10],
  [16, 9],
  [2, 1],
  [21, 9],
  [4, 5],
  [3, 4],
  [2, 3],
  [10, 16],
  [9, 16],
  [1, 2],
  [9, 21],
];
const RATIO_TOLERANCE = 0.015;

/** Aspect ratio as people write it: "3:2" exact, "≈3:2" near a common ratio, else "1.37:1". */
export function aspectLabel(size: Size): string {
  if (!isUsableSize(size)) return "?";
  const divisor = gcd(size.width, size.height);
  const w = Math.round(size.width) / divisor;
  const h = Math.round(size.height) / divisor;
  if (w <= 32 && h <= 32) return `${w}:${h}`;
  const aspect = size.width / size.height;
  for (const [rw, rh] of COMMON_RATIOS) {
    if (Math.abs(aspect / (rw / rh) - 1) <= RATIO_TOLERANCE) return `≈${rw}:${rh}`;
  }
  return aspect >= 1 ? `${aspect.toFixed(2)}:1` : `1:${(1 / aspect).toFixed(2)}`;
}

/** "768×512 (3:2)". */
export function describeSize(size: Size): string {
  return `${Math.round(size.width)}×${Math.round(size.height)} (${aspectLabel(size)})`;
}
