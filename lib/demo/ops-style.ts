// Stylisation: cartoon, comic cel shading, ink line art, pencil sketch, painterly texture.
import sharp from "sharp";
import { sizeOf, toPng, type Operation } from "./image-ops";
import { inkLines, pencilSketch, posterize } from "./ops-pixels";

/** Flat colour regions (median + posterise) with dark outlines from the smoothed image. */
export const cartoon = (options: { levels: number; lineThreshold: number; saturation?: number }): Operation => async (input, context) => {
  const smooth = await toPng(sharp(input).median(5).modulate({ saturation: options.saturation ?? 1.35 }));
  const flat = await posterize(options.levels)(await toPng(sharp(smooth).median(3)), context);
  return inkLines({ threshold: options.lineThreshold, edgesFrom: smooth })(flat, context);
};

/** Western comic cel shading: few tone steps, punchy colour, thick black contours. */
export const celShade: Operation = async (input, context) => {
  const smooth = await toPng(sharp(input).median(7).modulate({ saturation: 1.5 }).linear(1.15, -12));
  const flat = await posterize(4)(smooth, context);
  const thickEdges = await toPng(sharp(smooth).blur(1.2));
  return inkLines({ threshold: 0.08, softness: 0.06, edgesFrom: thickEdges })(flat, context);
};

/** Black ink contours on white paper, from a denoised copy so only real outlines survive. */
export const inkSketch: Operation = async (input, context) => {
  const smooth = await toPng(sharp(input).median(5).blur(0.8));
  return inkLines({ threshold: 0.07, softness: 0.08, paper: true, edgesFrom: smooth })(input, context);
};

export const pencil: Operation = pencilSketch((input) => toPng(sharp(input).greyscale().toColourspace("srgb").blur(6)));

/**
 * Painterly restyle in the manner of Van Gogh: smeared brush regions, boosted colour, and the
 * brush texture of The Starry Night laid over with an overlay blend.
 */
export const vanGogh = (strength = 1): Operation => async (input, context) => {
  const { width, height } = await sizeOf(input);
  const painted = await toPng(sharp(input).median(strength > 0.5 ? 7 : 3).modulate({ saturation: 1 + 0.6 * strength }).sharpen({ sigma: 1.5 }));
  const texture = await toPng(
    sharp(await context.photo("starry-night-painting.jpg"))
      .resize(width, height, { fit: "cover" })
      .greyscale()
      .toColourspace("srgb")
      .linear(1.6, -80)
      .ensureAlpha(Math.min(1, 0.55 * strength)),
  );
  const swirled = await toPng(sharp(painted).composite([{ input: texture, blend: "overlay" }]));
  return toPng(sharp(swirled).recomb([[1.05, 0, 0], [0, 1.0, 0.03], [0, 0.04, 1.12]]));
};

export const comic: Operation = cartoon({ levels: 5, lineThreshold: 0.1, saturation: 1.5 });
