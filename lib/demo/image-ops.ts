// Shared plumbing for the demo's image operations. Every operation takes image bytes and returns
// lossless PNG bytes; the generator alone resizes to the editor's output size and encodes JPEG.
// Intermediate results are materialised between steps because sharp applies the operations of
// one pipeline in its own fixed order, not in call order.
import sharp, { type OverlayOptions, type Sharp } from "sharp";
import { decodeRgb, type RgbImage } from "../images/pixels";

export type OpContext = {
  /** Bytes of another photo from the photos folder (donor objects, textures). */
  photo: (name: string) => Promise<Buffer>;
  /** Seeded random numbers: the same request always gets the same grain, rain and snow. */
  random: () => number;
};

export type Operation = (input: Buffer, context: OpContext) => Promise<Buffer>;

/** Runs operations one after the other (a multi-step edit). */
export function chain(...operations: Operation[]): Operation {
  return async (input, context) => {
    let current = input;
    for (const operation of operations) current = await operation(current, context);
    return current;
  };
}

export async function toPng(pipeline: Sharp): Promise<Buffer> {
  // Low compression: these buffers only live in memory between steps.
  return pipeline.png({ compressionLevel: 1 }).toBuffer();
}

export async function sizeOf(input: Buffer): Promise<{ width: number; height: number }> {
  const meta = await sharp(input).metadata();
  return { width: meta.width ?? 1, height: meta.height ?? 1 };
}

export const readRgb = (input: Buffer): Promise<RgbImage> => decodeRgb(input);

export function rgbToPng(image: RgbImage): Promise<Buffer> {
  return toPng(sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), { raw: { width: image.width, height: image.height, channels: 3 } }));
}

export function svg(width: number, height: number, body: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Grey-centred noise (128 ± amplitude) for an "overlay" blend: film grain. */
export function noiseLayer(width: number, height: number, amplitude: number, random: () => number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    // Sum of two uniforms: a softer, more film-like distribution than one uniform.
    const value = 128 + (random() + random() - 1) * amplitude;
    const grey = Math.max(0, Math.min(255, Math.round(value)));
    // Slight per-channel jitter: real grain is not perfectly monochrome.
    data[i * 3] = grey;
    data[i * 3 + 1] = Math.max(0, Math.min(255, grey + Math.round((random() - 0.5) * amplitude * 0.2)));
    data[i * 3 + 2] = grey;
  }
  return toPng(sharp(data, { raw: { width, height, channels: 3 } }));
}

/** Radial darkening towards the corners, for a "multiply" blend. */
export function vignetteLayer(width: number, height: number, strength: number): Buffer {
  const edge = Math.round(255 * (1 - strength));
  return svg(
    width,
    height,
    `<defs><radialGradient id="v" cx="50%" cy="50%" r="75%"><stop offset="45%" stop-color="rgb(255,255,255)"/>` +
      `<stop offset="100%" stop-color="rgb(${edge},${edge},${edge})"/></radialGradient></defs>` +
      `<rect width="100%" height="100%" fill="url(#v)"/>`,
  );
}

export async function withGrainAndVignette(input: Buffer, context: OpContext, grain: number, vignette: number): Promise<Buffer> {
  const { width, height } = await sizeOf(input);
  const layers: OverlayOptions[] = [];
  if (grain > 0) layers.push({ input: await noiseLayer(width, height, grain, context.random), blend: "overlay" });
  if (vignette > 0) layers.push({ input: vignetteLayer(width, height, vignette), blend: "multiply" });
  return layers.length === 0 ? input : toPng(sharp(input).composite(layers));
}

/** A soft-edged alpha mask shape (ellipse or rectangle) as an SVG, blurred by `feather` px. */
export function softMask(width: number, height: number, shape: "ellipse" | "rect", feather: number): Buffer {
  const inset = feather * 1.5;
  const body =
    shape === "ellipse"
      ? `<ellipse cx="${width / 2}" cy="${height / 2}" rx="${Math.max(1, width / 2 - inset)}" ry="${Math.max(1, height / 2 - inset)}" fill="#fff" filter="url(#f)"/>`
      : `<rect x="${inset}" y="${inset}" width="${Math.max(1, width - 2 * inset)}" height="${Math.max(1, height - 2 * inset)}" fill="#fff" filter="url(#f)"/>`;
  return svg(width, height, `<defs><filter id="f" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${feather}"/></filter></defs>${body}`);
}

/** Cuts `input` with a soft mask: RGBA PNG whose alpha is the mask. */
export async function applyMask(input: Buffer, mask: Buffer): Promise<Buffer> {
  return toPng(sharp(input).ensureAlpha().composite([{ input: mask, blend: "dest-in" }]));
}
