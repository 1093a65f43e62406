// Geometry and compositing: zoom crops, outpainting, pasted objects, text, moved and resized
// objects, object removal by local smoothing, and the real pair shipped with the photos.
import sharp from "sharp";
import type { FractionRect } from "../images/pixels";
import { applyMask, escapeXml, sizeOf, softMask, svg, toPng, type Operation } from "./image-ops";
import { replaceWhiteBackground, ringColour } from "./ops-pixels";

const px = (fraction: number, size: number) => Math.round(fraction * size);

function pixelRect(rect: FractionRect, width: number, height: number) {
  const left = Math.max(0, Math.min(width - 1, px(rect.x, width)));
  const top = Math.max(0, Math.min(height - 1, px(rect.y, height)));
  return {
    left,
    top,
    width: Math.max(1, Math.min(width - left, px(rect.width, width))),
    height: Math.max(1, Math.min(height - top, px(rect.height, height))),
  };
}

/** Zoom in: the rectangle, upscaled later to the editor's output size. */
export const zoomIn = (rect: FractionRect): Operation => async (input) => {
  const { width, height } = await sizeOf(input);
  return toPng(sharp(input).extract(pixelRect(rect, width, height)));
};

/** Whole picture squeezed to another aspect ratio: the lazy "outpainting" a judge should fail. */
export const stretchTo = (aspect: number): Operation => async (input) => {
  const { height } = await sizeOf(input);
  return toPng(sharp(input).resize(Math.round(height * aspect), height, { fit: "fill" }));
};

/**
 * Outpainting by canvas extension: mirror the borders out to the new aspect ratio, blur the
 * invented band so it reads as plausible but soft continuation, and feather the seam.
 */
export const outpaint = (aspect: number, anchor: { x: number; y: number } = { x: 0.5, y: 0.5 }): Operation => async (input) => {
  const { width, height } = await sizeOf(input);
  const newWidth = Math.max(width, Math.round(height * aspect));
  const newHeight = Math.max(height, Math.round(width / aspect));
  const left = Math.round((newWidth - width) * anchor.x);
  const top = Math.round((newHeight - height) * anchor.y);
  const extension = { left, right: newWidth - width - left, top, bottom: newHeight - height - top };
  const mirrored = await toPng(sharp(input).extend({ ...extension, extendWith: "mirror" }));
  const soft = await toPng(sharp(mirrored).blur(9).modulate({ saturation: 0.9 }));
  const feathered = await applyMask(input, softMask(width, height, "rect", 4));
  return toPng(sharp(soft).composite([{ input: feathered, left, top }]));
};

export type Cutout = {
  photo: string;
  /** Region of the donor photo holding the object (fractions). */
  from: FractionRect;
  /** Centre of the pasted object in the target (fractions) and its width as a fraction of the target width. */
  at: { x: number; y: number };
  width: number;
  shape?: "ellipse" | "rect";
  feather?: number;
  rotate?: number;
};

/** Pastes an object cut from another photo with a soft mask (a plausible, imperfect insertion). */
export const pasteCutout = (cutout: Cutout): Operation => async (input, context) => {
  const { width, height } = await sizeOf(input);
  const donor = await context.photo(cutout.photo);
  const donorSize = await sizeOf(donor);
  const region = pixelRect(cutout.from, donorSize.width, donorSize.height);
  const targetWidth = Math.max(8, px(cutout.width, width));
  const targetHeight = Math.max(8, Math.round((targetWidth * region.height) / region.width));
  let piece = await toPng(sharp(donor).extract(region).resize(targetWidth, targetHeight));
  piece = await applyMask(piece, softMask(targetWidth, targetHeight, cutout.shape ?? "ellipse", cutout.feather ?? Math.max(2, targetWidth / 14)));
  if (cutout.rotate) piece = await toPng(sharp(piece).rotate(cutout.rotate, { background: { r: 0, g: 0, b: 0, alpha: 0 } }));
  const pieceSize = await sizeOf(piece);
  // Clip at the frame: composite refuses overlays that stick out.
  const left = px(cutout.at.x, width) - Math.round(pieceSize.width / 2);
  const top = px(cutout.at.y, height) - Math.round(pieceSize.height / 2);
  const cropLeft = Math.max(0, -left);
  const cropTop = Math.max(0, -top);
  const visibleWidth = Math.min(pieceSize.width - cropLeft, width - Math.max(0, left));
  const visibleHeight = Math.min(pieceSize.height - cropTop, height - Math.max(0, top));
  if (visibleWidth <= 0 || visibleHeight <= 0) return toPng(sharp(input));
  const visible = await toPng(sharp(piece).extract({ left: cropLeft, top: cropTop, width: visibleWidth, height: visibleHeight }));
  return toPng(sharp(input).composite([{ input: visible, left: Math.max(0, left), top: Math.max(0, top) }]));
};

export type TextSpec = {
  text: string;
  x: number; // fractions of the frame; anchor per `anchor`
  y: number;
  size: number; // font size as a fraction of the frame height
  font: string;
  fill: string;
  stroke?: string;
  weight?: "normal" | "bold";
  italic?: boolean;
  anchor?: "start" | "middle" | "end";
  rotate?: number;
  opacity?: number;
};

/** Text rendered by librsvg with the system's fonts and composited onto the image. */
export const addText = (...specs: TextSpec[]): Operation => async (input) => {
  const { width, height } = await sizeOf(input);
  const body = specs
    .map((spec) => {
      const x = px(spec.x, width);
      const y = px(spec.y, height);
      const size = Math.max(8, Math.round(spec.size * height));
      const stroke = spec.stroke ? ` stroke="${spec.stroke}" stroke-width="${Math.max(1, size / 18).toFixed(1)}" paint-order="stroke"` : "";
      const transform = spec.rotate ? ` transform="rotate(${spec.rotate} ${x} ${y})"` : "";
      return `<text x="${x}" y="${y}" font-family="${spec.font}" font-size="${size}" font-weight="${spec.weight ?? "normal"}" ` +
        `font-style="${spec.italic ? "italic" : "normal"}" text-anchor="${spec.anchor ?? "middle"}" fill="${spec.fill}" ` +
        `fill-opacity="${spec.opacity ?? 1}"${stroke}${transform}>${escapeXml(spec.text)}</text>`;
    })
    .join("");
  return toPng(sharp(input).composite([{ input: svg(width, height, body) }]));
};

/** Dark sunglasses drawn over two eye positions (fractions), with a faint highlight. */
export const sunglasses = (left: { x: number; y: number }, right: { x: number; y: number }, lensWidth: number): Operation => async (input) => {
  const { width, height } = await sizeOf(input);
  const w = lensWidth * width;
  const h = w * 0.72;
  const lens = (c: { x: number; y: number }) =>
    `<rect x="${(c.x * width - w / 2).toFixed(1)}" y="${(c.y * height - h / 2).toFixed(1)}" width="${w.toFixed(1)}" ` +
      `height="${h.toFixed(1)}" rx="${(h * 0.45).toFixed(1)}" fill="url(#lens)" stroke="#111" ` +
      `stroke-width="${(w / 14).toFixed(1)}"/>` +
    `<ellipse cx="${(c.x * width - w * 0.18).toFixed(1)}" cy="${(c.y * height - h * 0.18).toFixed(1)}" rx="${(w * 0.16).toFixed(1)}" ry="${(h * 0.1).toFixed(1)}" fill="#fff" fill-opacity="0.35"/>`;
  const bridgeY = ((left.y + right.y) / 2) * height - h * 0.2;
  const body =
    `<defs><linearGradient id="lens" x1="0" y1="0" x2="0" y2="1"><stop offset="0%" stop-color="#3a3f47"/><stop offset="100%" stop-color="#0b0c0f"/></linearGradient></defs>` +
    `<path d="M ${(left.x * width + w / 2).toFixed(1)} ${bridgeY.toFixed(1)} ` +
    `Q ${(((left.x + right.x) / 2) * width).toFixed(1)} ${(bridgeY - h * 0.3).toFixed(1)} ` +
    `${(right.x * width - w / 2).toFixed(1)} ${bridgeY.toFixed(1)}" ` +
      `stroke="#111" stroke-width="${(w / 10).toFixed(1)}" fill="none"/>` +
    lens(left) +
    lens(right);
  return toPng(sharp(input).composite([{ input: svg(width, height, body) }]));
};

export type Disc = { x: number; y: number; radius: number }; // centre and radius as fractions of the width

/**
 * Moves a round object on a plain background: lift it, cover the hole (and its soft shadow) with
 * the surrounding background colour, drop it elsewhere.
 */
export const moveDisc = (disc: Disc, to: { x: number; y: number }): Operation => async (input) => {
  const { width, height } = await sizeOf(input);
  const r = Math.round(disc.radius * width * 1.15);
  const cx = px(disc.x, width);
  const cy = px(disc.y, height);
  const piece = await applyMask(await toPng(sharp(input).extract({ left: cx - r, top: cy - r, width: 2 * r, height: 2 * r })), softMask(2 * r, 2 * r, "ellipse", 2));
  const fill = await ringColour(input, disc, disc.radius * 1.6, disc.radius * 1.9);
  const patch = svg(width, height, `<defs><filter id="b"><feGaussianBlur stdDeviation="4"/></filter></defs><circle cx="${cx}" cy="${cy}" r="${Math.round(r * 1.3)}" fill="${fill}" filter="url(#b)"/>`);
  const cleared = await toPng(sharp(input).composite([{ input: patch }]));
  return toPng(sharp(cleared).composite([{ input: piece, left: px(to.x, width) - r, top: px(to.y, height) - r }]));
};

/** Scales a round object in place (clipped to the frame). */
export const scaleDisc = (disc: Disc, factor: number): Operation => async (input) => {
  const { width, height } = await sizeOf(input);
  const r = Math.round(disc.radius * width * 1.15);
  const cx = px(disc.x, width);
  const cy = px(disc.y, height);
  const size = Math.round(2 * r * factor);
  const piece = await applyMask(
    await toPng(sharp(input).extract({ left: cx - r, top: cy - r, width: 2 * r, height: 2 * r }).resize(size, size)),
    softMask(size, size, "ellipse", 2 * factor),
  );
  const left = cx - Math.round(size / 2);
  const top = cy - Math.round(size / 2);
  const cropLeft = Math.max(0, -left);
  const cropTop = Math.max(0, -top);
  const visible = await toPng(
    sharp(piece).extract({ left: cropLeft, top: cropTop, width: Math.min(size - cropLeft, width - Math.max(0, left)), height: Math.min(size - cropTop, height - Math.max(0, top)) }),
  );
  return toPng(sharp(input).composite([{ input: visible, left: Math.max(0, left), top: Math.max(0, top) }]));
};

/** Removes small objects (birds, specks) in a region by a strong median, feathered in. */
export const cleanRegion = (rect: FractionRect, medianSize: number): Operation => async (input) => {
  const { width, height } = await sizeOf(input);
  const region = pixelRect(rect, width, height);
  const cleaned = await toPng(sharp(input).extract(region).median(medianSize).median(medianSize));
  const feathered = await applyMask(cleaned, softMask(region.width, region.height, "rect", 3));
  return toPng(sharp(input).composite([{ input: feathered, left: region.left, top: region.top }]));
};

/** The photos folder's own real edit (ela-original ↔ ela-modified): returns the other photo. */
export const realPair = (photo: string): Operation => async (_input, context) => context.photo(photo);

/** Postcard: white border, a printed greeting. */
export const postcardFrame = (greeting: string): Operation => async (input, context) => {
  const { width, height } = await sizeOf(input);
  const border = Math.round(Math.min(width, height) * 0.05);
  const framed = await toPng(sharp(input).extend({ top: border, bottom: border, left: border, right: border, background: "#f7f3ea" }));
  return addText({ text: greeting, x: 0.5, y: 0.9, size: 0.085, font: "DejaVu Serif", weight: "bold", italic: true, fill: "#fff8e8", stroke: "#5a2d0c" })(framed, context);
};

/** New scene behind an object on a white background: another photo keyed in behind it. */
export const backgroundFrom = (photo: string): Operation => async (input, context) => {
  const donor = await context.photo(photo);
  return replaceWhiteBackground((width, height) => toPng(sharp(donor).resize(width, height, { fit: "cover" })))(input, context);
};
