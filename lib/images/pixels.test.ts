import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeRgb, decodeRgbExact, fitInside, laplacianVariance, registerFrames, sampleRect, toGray } from "./pixels";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const photosDir = [process.env.RIPE_PHOTOS_DIR, path.resolve(repoRoot, "../shared/photos"), path.resolve(repoRoot, "demo/sources")]
  .filter((dir): dir is string => Boolean(dir))
  .find((dir) => fs.existsSync(path.join(dir, "fruits.jpg")));
const photo = (name: string) => {
  if (!photosDir) throw new Error("No photos found: set RIPE_PHOTOS_DIR, or keep ../shared/photos or demo/sources in place.");
  return fs.readFileSync(path.join(photosDir, name));
};

describe("pixel helpers", () => {
  it("fits sizes inside a square without enlarging", () => {
    expect(fitInside(768, 480, 256)).toEqual({ width: 256, height: 160 });
    expect(fitInside(100, 50, 256)).toEqual({ width: 100, height: 50 });
  });

  it("samples the identity rectangle back to the same pixels and marks letterbox as uncovered", async () => {
    const image = await decodeRgb(photo("fruits.jpg"), 64);
    const same = sampleRect(image, { x: 0, y: 0, width: 1, height: 1 }, image.width, image.height);
    expect(Math.max(...same.data.map((value, i) => Math.abs(value - image.data[i])))).toBeLessThan(1e-3);
    const wider = sampleRect(image, { x: -0.5, y: 0, width: 2, height: 1 }, 2 * image.width, image.height);
    expect(wider.covered.reduce((sum, value) => sum + value, 0) / wider.covered.length).toBeCloseTo(0.5, 1);
  });

  it("finds a zoom crop, an outpainted frame and the identity", async () => {
    const bytes = photo("fruits.jpg");
    const source = await decodeRgb(bytes, 192);
    const crop = await sharp(bytes).extract({ left: 128, top: 120, width: 256, height: 240 }).resize(320, 304, { fit: "fill" }).toBuffer();
    const zoom = registerFrames(source, toGray(await decodeRgbExact(crop, 64, 61)));
    expect(zoom.rect.x).toBeCloseTo(0.25, 1);
    expect(zoom.rect.width).toBeCloseTo(0.5, 1);

    const extended = await sharp(bytes).extend({ left: 256, right: 256, background: "#808080" }).toBuffer();
    const outpainted = registerFrames(source, toGray(await decodeRgbExact(extended, 64, 30)));
    expect(outpainted.coverage).toBeCloseTo(0.5, 1);

    const identity = registerFrames(source, toGray(await decodeRgbExact(bytes, 64, 60)));
    expect(identity.rect).toEqual({ x: 0, y: 0, width: 1, height: 1 });
  });

  it("measures focus: blur lowers the Laplacian variance", async () => {
    const sharpImage = toGray(await decodeRgb(photo("fruits.jpg"), 256));
    const blurred = toGray(await decodeRgb(await sharp(photo("fruits.jpg")).blur(3).toBuffer(), 256));
    expect(laplacianVariance(blurred.data, blurred.width, blurred.height)).toBeLessThan(
      laplacianVariance(sharpImage.data, sharpImage.width, sharpImage.height) / 4,
    );
  });
});
