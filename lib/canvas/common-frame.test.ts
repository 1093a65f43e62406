import { describe, expect, it } from "vitest";
import { commonFrame, describeMismatch } from "./common-frame";

describe("commonFrame", () => {
  it("fits a 768×512 source and a 1024×1024 edit into one frame with the edit's shape", () => {
    const result = commonFrame({ width: 768, height: 512 }, { width: 1024, height: 1024 });
    expect(result.frame).toEqual({ width: 1024, height: 1024 });
    expect(result.edit.rect).toEqual({ x: 0, y: 0, width: 1024, height: 1024 });
    expect(result.source.size).toEqual({ width: 768, height: 512 });
    expect(result.source.rect.x).toBe(0);
    expect(result.source.rect.width).toBe(1024);
    expect(result.source.rect.height).toBeCloseTo(682.667, 3);
    expect(result.source.rect.y).toBeCloseTo((1024 - 682.667) / 2, 3);
    expect(result.mismatch.text).toBe("source 768×512 (3:2) vs edit 1024×1024 (1:1)");
    expect(result.mismatch.isSameSize).toBe(false);
    expect(result.mismatch.isSameAspect).toBe(false);
    expect(result.mismatch.areaRatio).toBeCloseTo((1024 * 1024) / (768 * 512), 10);
    expect(result.mismatch.aspectChange).toBeCloseTo(1 / 1.5 - 1, 10);
  });
  it("centres a tall source horizontally in a wide edit frame", () => {
    const result = commonFrame({ width: 500, height: 1000 }, { width: 1024, height: 512 });
    expect(result.source.rect).toEqual({ x: 384, y: 0, width: 256, height: 512 });
  });
  it("reports equal sizes as such and uses custom labels", () => {
    const result = commonFrame({ width: 1024, height: 1024 }, { width: 1024, height: 1024 }, { source: "Source", edit: "Edit" });
    expect(result.source.rect).toEqual(result.edit.rect);
    expect(result.mismatch).toMatchObject({ isSameSize: true, isSameAspect: true, areaRatio: 1, aspectChange: 0 });
    expect(result.mismatch.text).toBe("Source and Edit both 1024×1024 (1:1)");
  });
  it("treats a same-shape resize as same aspect but different size", () => {
    const mismatch = describeMismatch({ width: 512, height: 384 }, { width: 1024, height: 768 });
    expect(mismatch).toMatchObject({ isSameSize: false, isSameAspect: true, areaRatio: 4 });
  });
  it("falls back to the source's shape when the edit size is unusable", () => {
    expect(commonFrame({ width: 300, height: 200 }, { width: 0, height: 0 }).frame).toEqual({ width: 300, height: 200 });
  });
});
