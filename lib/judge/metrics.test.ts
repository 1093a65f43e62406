import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { METRICS_JUDGE_ID, scoreWithMetrics } from "./metrics";

// Real photographs: the shared fixtures beside the repo, else the copies the demo ships.
const repoRoot = path.resolve(import.meta.dirname, "../..");
const photosDir = [process.env.RIPE_PHOTOS_DIR, path.resolve(repoRoot, "../shared/photos"), path.resolve(repoRoot, "demo/sources")]
  .filter((dir): dir is string => Boolean(dir))
  .find((dir) => fs.existsSync(path.join(dir, "squirrel.jpg")));

describe("metrics judge", () => {
  let squirrel: Buffer;
  let garden: Buffer;

  beforeAll(() => {
    if (!photosDir) throw new Error("No photos found: set RIPE_PHOTOS_DIR, or keep ../shared/photos or demo/sources in place.");
    squirrel = fs.readFileSync(path.join(photosDir, "squirrel.jpg"));
    garden = fs.readFileSync(path.join(photosDir, "garden.jpg"));
  });

  it("scores an unchanged image as fully preserved and clean, and leaves the vision criteria null", async () => {
    const result = await scoreWithMetrics(squirrel, squirrel);
    expect(METRICS_JUDGE_ID).toBe("metrics/pixel-v1");
    expect(result.instruction_compliance).toBeNull();
    expect(result.seamlessness).toBeNull();
    expect(result.preservation_balance).toBeGreaterThan(0.99);
    expect(result.technical_quality).toBeGreaterThan(0.95);
    expect(result.rationale).toMatch(/Changed pixels 0\.0%/);
    expect(result.rationale).toMatch(/need a vision judge: not scored/);
  });

  it("is deterministic", async () => {
    const edit = await sharp(garden).modulate({ saturation: 0.5 }).jpeg({ quality: 82 }).toBuffer();
    expect(await scoreWithMetrics(garden, edit)).toEqual(await scoreWithMetrics(garden, edit));
  });

  it("lowers technical quality for heavy blur and for heavy JPEG artifacts", async () => {
    const clean = await scoreWithMetrics(squirrel, await sharp(squirrel).jpeg({ quality: 85 }).toBuffer());
    const blurred = await scoreWithMetrics(squirrel, await sharp(squirrel).blur(3).jpeg({ quality: 85 }).toBuffer());
    const blocky = await scoreWithMetrics(squirrel, await sharp(squirrel).jpeg({ quality: 4 }).toBuffer());
    expect(blurred.technical_quality).toBeLessThan(clean.technical_quality - 0.3);
    expect(blurred.details.sharpness_score).toBeLessThan(0.3);
    expect(blocky.technical_quality).toBeLessThan(clean.technical_quality - 0.3);
    expect(blocky.details.blockiness_score).toBeLessThan(0.2);
  });

  it("compares images of different sizes and aspect ratios in one frame", async () => {
    // The editor's habit: a slightly different size, multiples of 16.
    const resized = await sharp(squirrel).resize(640, 512, { fit: "fill" }).jpeg({ quality: 82 }).toBuffer();
    const resizedScore = await scoreWithMetrics(squirrel, resized);
    expect(resizedScore.preservation_balance).toBeGreaterThan(0.95);

    // A 2× zoom-in is found as a crop of the source, so its content counts as preserved.
    const zoomed = await sharp(squirrel).extract({ left: 134, top: 106, width: 268, height: 213 }).resize(512, 400, { fit: "fill" }).jpeg({ quality: 82 }).toBuffer();
    const zoomScore = await scoreWithMetrics(squirrel, zoomed);
    expect(zoomScore.preservation_balance).toBeGreaterThan(0.9);
    expect(zoomScore.details.align_width).toBeCloseTo(0.5, 1);
    expect(zoomScore.rationale).toMatch(/2\.0× crop/);
  });

  it("penalises a picture squeezed into a new frame, not one extended into it", async () => {
    const squeezed = await sharp(squirrel).resize(432, 544, { fit: "fill" }).jpeg({ quality: 82 }).toBuffer();
    const squeezedScore = await scoreWithMetrics(squirrel, squeezed);
    expect(squeezedScore.preservation_balance).toBeLessThan(0.5);
    expect(squeezedScore.rationale).toMatch(/geometry stretched/);
    const extended = await sharp(squirrel).extend({ top: 120, bottom: 120, background: "#556b2f" }).jpeg({ quality: 82 }).toBuffer();
    const extendedScore = await scoreWithMetrics(squirrel, extended);
    expect(extendedScore.preservation_balance).toBeGreaterThan(0.9);
    expect(extendedScore.details.new_area_share).toBeGreaterThan(0.3);
  });

  it("scores a global restyle below a local change", async () => {
    const greyscale = await scoreWithMetrics(garden, await sharp(garden).greyscale().jpeg({ quality: 82 }).toBuffer());
    const patch = await sharp(squirrel).resize(120, 90).toBuffer();
    const local = await scoreWithMetrics(garden, await sharp(garden).composite([{ input: patch, left: 300, top: 200 }]).jpeg({ quality: 82 }).toBuffer());
    expect(local.preservation_balance).toBeGreaterThan(0.9);
    expect(greyscale.preservation_balance).toBeLessThan(local.preservation_balance - 0.3);
  });
});
