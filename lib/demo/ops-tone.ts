// Global photometric and scene operations: colour tone, film looks, lighting, weather, season.
import sharp, { type OverlayOptions } from "sharp";
import { sizeOf, svg, toPng, withGrainAndVignette, type Operation } from "./image-ops";
import { recolor } from "./ops-pixels";

type Matrix = [[number, number, number], [number, number, number], [number, number, number]];

/** Blend between the identity and `matrix`: strength 0 is a no-op, 1 the full matrix. */
function towards(matrix: Matrix, strength: number): Matrix {
  return matrix.map((row, r) => row.map((value, c) => (r === c ? 1 : 0) * (1 - strength) + value * strength)) as Matrix;
}

const WARM: Matrix = [[1.12, 0.06, 0], [0.02, 1.03, 0], [0, 0, 0.78]];
const COOL: Matrix = [[0.82, 0, 0.02], [0, 1.0, 0.05], [0.02, 0.06, 1.18]];
const SEPIA: Matrix = [[0.393, 0.769, 0.189], [0.349, 0.686, 0.168], [0.272, 0.534, 0.131]];

export const toneShift = (kind: "warm" | "cool", strength = 1): Operation => async (input) =>
  toPng(sharp(input).recomb(towards(kind === "warm" ? WARM : COOL, strength)));

export const brighten = (amount: number): Operation => async (input) => toPng(sharp(input).modulate({ brightness: amount }).linear(1.05, -4));

export const denoise: Operation = async (input) => toPng(sharp(input).median(3));

export const blurAll = (sigma: number): Operation => async (input) => toPng(sharp(input).blur(sigma));

/** Faded sepia-leaning colour, lifted blacks, grain and vignette. */
export const vintage = (options: { grain?: number; vignette?: number; sepia?: number } = {}): Operation => async (input, context) => {
  const toned = await toPng(sharp(input).recomb(towards(SEPIA, options.sepia ?? 0.55)));
  const faded = await toPng(sharp(toned).linear(0.82, 28).modulate({ saturation: 0.85 }));
  return withGrainAndVignette(faded, context, options.grain ?? 26, options.vignette ?? 0.5);
};

/** An old photograph: monochrome, toned, soft, grainy, with a few scratches. */
export const historical = (options: { tone: "sepia" | "neutral"; scratches: number }): Operation => async (input, context) => {
  const { width, height } = await sizeOf(input);
  const mono = await toPng(sharp(input).greyscale().toColourspace("srgb").blur(0.6));
  const toned = await toPng(sharp(mono).recomb(options.tone === "sepia" ? [[1.07, 0, 0], [0, 0.95, 0], [0, 0, 0.78]] : [[1.02, 0, 0], [0, 1, 0], [0, 0, 0.96]]).linear(0.8, 30));
  let lines = "";
  for (let i = 0; i < options.scratches; i++) {
    const x = Math.round(context.random() * width);
    const top = Math.round(context.random() * height * 0.5);
    lines += `<line x1="${x}" y1="${top}" x2="${x + Math.round((context.random() - 0.5) * 6)}" ` +
      `y2="${top + Math.round(height * (0.3 + context.random() * 0.5))}" stroke="rgb(245,240,225)" ` +
      `stroke-opacity="${(0.25 + context.random() * 0.3).toFixed(2)}" stroke-width="1"/>`;
  }
  const scratched = await toPng(sharp(toned).composite([{ input: svg(width, height, lines) }]));
  return withGrainAndVignette(scratched, context, 30, 0.6);
};

/** Low warm sun: lifted warm highlights, a glow from one side, richer colour. */
export const goldenHour = (strength = 1): Operation => async (input) => {
  const { width, height } = await sizeOf(input);
  const warmed = await toPng(sharp(input).recomb(towards(WARM, 1.2 * strength)).modulate({ saturation: 1 + 0.15 * strength }).gamma(2.2, 2.2 / (1 + 0.25 * strength)));
  const glow = svg(
    width,
    height,
    `<defs><radialGradient id="g" cx="85%" cy="20%" r="90%"><stop offset="0%" stop-color="rgb(255,190,90)" ` +
      `stop-opacity="${(0.75 * strength).toFixed(2)}"/><stop offset="100%" stop-color="rgb(120,60,20)" ` +
      `stop-opacity="${(0.35 * strength).toFixed(2)}"/></radialGradient></defs><rect width="100%" height="100%" ` +
      `fill="url(#g)"/>`,
  );
  return toPng(sharp(warmed).composite([{ input: glow, blend: "soft-light" }]));
};

/** Flat, slightly green overhead tube light: flatter contrast, cool-green cast. */
export const fluorescent = (strength = 1): Operation => async (input) =>
  toPng(
    sharp(input)
      .recomb(towards([[0.9, 0.06, 0], [0.02, 1.06, 0.04], [0, 0.06, 1.02]], strength))
      .linear(1 - 0.18 * strength, 30 * strength)
      .modulate({ saturation: 1 - 0.25 * strength }),
  );

function rainStreaks(width: number, height: number, count: number, random: () => number): Buffer {
  let lines = "";
  for (let i = 0; i < count; i++) {
    const x = random() * (width + height * 0.3);
    const y = random() * height;
    const length = 10 + random() * 22;
    lines += `<line x1="${x.toFixed(1)}" y1="${y.toFixed(1)}" x2="${(x - length * 0.28).toFixed(1)}" y2="${(y + length).toFixed(1)}" ` +
      `stroke="rgb(220,225,235)" stroke-opacity="${(0.25 + random() * 0.35).toFixed(2)}" ` +
      `stroke-width="${random() < 0.2 ? 1.6 : 1}"/>`;
  }
  return svg(width, height, lines);
}

/** Overcast storm: darker, desaturated, blue-grey, a heavy sky and optional rain streaks. */
export const storm = (options: { rain: boolean }): Operation => async (input, context) => {
  const { width, height } = await sizeOf(input);
  const dark = await toPng(sharp(input).modulate({ brightness: 0.62, saturation: 0.45 }).recomb([[0.92, 0, 0.04], [0, 0.97, 0.04], [0.02, 0.05, 1.08]]));
  const sky = svg(width, height, `<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0%" stop-color="rgb(30,34,44)" ` +
    `stop-opacity="0.7"/><stop offset="55%" stop-color="rgb(60,66,80)" stop-opacity="0.15"/><stop offset="100%" ` +
    `stop-color="rgb(0,0,0)" stop-opacity="0"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#s)"/>`);
  const layers: OverlayOptions[] = [{ input: sky, blend: "multiply" }];
  if (options.rain) {
    const rain = await toPng(sharp(rainStreaks(width, height, Math.round((width * height) / 900), context.random)).blur(0.5));
    layers.push({ input: rain, blend: "screen" });
  }
  return toPng(sharp(dark).composite(layers));
};

/** Winter: cold, desaturated, pale, with falling snow. */
export const winter = (options: { snowflakes: number }): Operation => async (input, context) => {
  const { width, height } = await sizeOf(input);
  const cold = await toPng(sharp(input).modulate({ saturation: 0.3, brightness: 1.12 }).recomb(COOL).linear(0.85, 38));
  let flakes = "";
  for (let i = 0; i < options.snowflakes; i++) {
    const radius = 0.8 + context.random() * context.random() * 3.2;
    flakes += `<circle cx="${(context.random() * width).toFixed(1)}" cy="${(context.random() * height).toFixed(1)}" ` +
      `r="${radius.toFixed(2)}" fill="#fff" fill-opacity="${(0.55 + context.random() * 0.45).toFixed(2)}"/>`;
  }
  const frost = svg(width, height, `<defs><linearGradient id="w" x1="0" y1="0" x2="0" y2="1"><stop offset="0%" stop-color="#fff" stop-opacity="0.05"/>` +
    `<stop offset="100%" stop-color="#fff" stop-opacity="0.45"/></linearGradient></defs><rect width="100%" height="100%" ` +
    `fill="url(#w)"/>`);
  const snow = await toPng(sharp(svg(width, height, flakes)).blur(0.4));
  return toPng(sharp(cold).composite([{ input: frost, blend: "screen" }, { input: snow }]));
};

/** Autumn: greens and yellow-greens turned to orange and russet. */
export const autumn: Operation = async (input, context) => {
  const turned = await recolor({ hue: 95, hueWidth: 55, minSaturation: 0.15, toHue: 28, saturationScale: 1.15, valueScale: 0.92 })(input, context);
  return toPng(sharp(turned).recomb(towards(WARM, 0.5)));
};

/** Deliberately destroyed: crushed contrast and colour, the kind of edit a judge must fail. */
export const overdone: Operation = async (input) =>
  toPng(sharp(input).modulate({ saturation: 3.2, brightness: 1.25 }).linear(2.6, -170).sharpen({ sigma: 3, m1: 4, m2: 8 }));

/** Sunrise over a dark scene: golden-hour toning plus a warm glow rising from the horizon. */
export const sunrise: Operation = async (input, context) => {
  const { width, height } = await sizeOf(input);
  const toned = await goldenHour(1)(input, context);
  const glow = svg(
    width,
    height,
    `<defs><linearGradient id="h" x1="0" y1="1" x2="0" y2="0"><stop offset="0%" stop-color="rgb(255,150,60)" ` +
      `stop-opacity="0.85"/><stop offset="45%" stop-color="rgb(230,110,70)" stop-opacity="0.45"/><stop offset="100%" ` +
      `stop-color="rgb(60,70,140)" stop-opacity="0.2"/></linearGradient></defs><rect width="100%" height="100%" ` +
      `fill="url(#h)"/>`,
  );
  return toPng(sharp(toned).composite([{ input: glow, blend: "screen" }]));
};
