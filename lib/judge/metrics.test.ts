import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { describeDifference } from "../canvas/difference";
import { DEMO_REQUESTS } from "../demo/requests";
import { canvasDifference, METRICS_JUDGE_ID, scoreWithMetrics } from "./metrics";

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
    expect(result.rationale).toMatch(/Compare canvas: mean diff 0\.0 % · 0\.0 % of pixels changed/);
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
    const zoomed = await sharp(squirrel)
      .extract({ left: 134, top: 106, width: 268, height: 213 })
      .resize(512, 400, { fit: "fill" })
      .jpeg({ quality: 82 })
      .toBuffer();
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
    const local = await scoreWithMetrics(
      garden,
      await sharp(garden)
        .composite([{ input: patch, left: 300, top: 200 }])
        .jpeg({ quality: 82 })
        .toBuffer(),
    );
    expect(local.preservation_balance).toBeGreaterThan(0.9);
    expect(greyscale.preservation_balance).toBeLessThan(local.preservation_balance - 0.3);
  });

  it("reports what the compare canvas shows: same frame, same definition, same code", async () => {
    // A solid block over 10% of a losslessly stored photo: 10% of the pixels change, nothing else.
    const base = await sharp(garden).resize(640, 480, { fit: "fill" }).png().toBuffer();
    const block = await sharp({ create: { width: 160, height: 192, channels: 3, background: "#ff00ff" } })
      .png()
      .toBuffer();
    const edited = await sharp(base)
      .composite([{ input: block, left: 200, top: 100 }])
      .png()
      .toBuffer();
    const stats = await canvasDifference(base, edited);
    expect(stats.comparedPixels).toBe(640 * 480);
    expect(stats.changedShare).toBeCloseTo(0.1, 2);
    const result = await scoreWithMetrics(base, edited);
    expect(result.details.changed_share).toBeCloseTo(stats.changedShare, 4);
    expect(result.rationale).toContain(
      describeDifference({ ...stats, changedShare: result.details.changed_share, meanDiff: result.details.mean_diff }),
    );
  });
});

// The demo's own edits (committed under demo/): every planted edit must be seen as a change, and
// only a planted under-edit may be called one. Item #83 of the demo (multi-turn 103, turn 5: the
// grain removed) once read "Changed pixels 0.0% … possibly an under-edit" while the canvas showed 0.6%.
describe("metrics judge on the demo's planted edits", () => {
  const demo = path.resolve(repoRoot, "demo");
  const rows = (name: string) =>
    fs
      .readFileSync(path.join(demo, name), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
  const flaws = new Map<string, string>();
  DEMO_REQUESTS.forEach((request, index) => {
    const n = index + 1;
    const retries = request.rejected?.length ?? 0;
    if (request.flaw) flaws.set(`images/positive-edit/${n}${retries > 0 ? `_retry${retries}` : ""}.jpg`, request.flaw);
    request.rejected?.forEach((attempt, k) => flaws.set(`images/negative-edit/${n}_attempt${k + 1}.jpg`, attempt.flaw));
  });
  const pairs: { source: string; edit: string }[] = [];
  for (const row of rows("sft.jsonl")) pairs.push({ source: row.open_image_input_url, edit: row.output_image });
  for (const row of rows("preference.jsonl"))
    for (const edit of row.rejected_images) pairs.push({ source: row.open_image_input_url, edit });
  for (const row of rows("multi-turn.jsonl")) {
    const files = row.files as { id: string; url: string }[];
    let previous = files.find((file) => file.id === "original_input_image")!.url;
    for (const file of files.filter((entry) => entry.id !== "original_input_image")) {
      pairs.push({ source: previous, edit: file.url });
      previous = file.url;
    }
  }
  const read = (relative: string) => fs.readFileSync(path.join(demo, relative));

  it("every demo edit that is not a planted under-edit is detected, and not called an under-edit", async () => {
    expect(pairs).toHaveLength(71);
    const missed: string[] = [];
    for (const { source, edit } of pairs) {
      if (flaws.get(edit)?.includes("under-edit")) continue;
      // The canvas measure first (fast); the rationale can only say "under-edit" below 0.1% of it.
      const canvas = await canvasDifference(read(source), read(edit));
      if (canvas.changedShare >= 0.001) continue;
      const result = await scoreWithMetrics(read(source), read(edit));
      const { changed_share, mean_diff, new_area_share, align_width, align_height } = result.details;
      const isSeen = changed_share >= 0.001 || mean_diff >= 0.01 || new_area_share > 0.02 || align_width * align_height < 0.8;
      if (!isSeen || /possibly an under-edit/.test(result.rationale)) missed.push(`${edit}: ${result.rationale}`);
    }
    expect(missed).toEqual([]);
  }, 120_000);

  it("item #83 (grain removed): the judge reports the canvas's change, not an under-edit", async () => {
    const source = read("images/multi-turn/103_turn4.jpg");
    const edit = read("images/multi-turn/103_turn5.jpg");
    const stats = await canvasDifference(source, edit);
    const result = await scoreWithMetrics(source, edit);
    expect(stats.changedShare).toBeGreaterThan(0.003);
    expect(result.details.changed_share).toBe(Math.round(stats.changedShare * 10_000) / 10_000);
    expect(result.rationale).toContain(`${(stats.changedShare * 100).toFixed(1)} % of pixels changed`);
    expect(result.rationale).not.toMatch(/under-edit/);
  });

  it("a planted under-edit the pixels can see is still flagged", async () => {
    // Request 9's rejected attempt: the birds are still there (a cleaned corner only).
    const result = await scoreWithMetrics(read("sources/" + DEMO_REQUESTS[8].photo), read("images/negative-edit/9_attempt1.jpg"));
    expect(flaws.get("images/negative-edit/9_attempt1.jpg")).toMatch(/under-edit/);
    expect(result.rationale).toMatch(/possibly an under-edit/);
  });
});
