import { describe, expect, it } from "vitest";
import { commonFrame } from "./common-frame";
import { boundedSize, describeDifference, DIFF_UNCOMPARED_RGBA, differenceHeatmap, differenceLayout, heatmapColor } from "./difference";

function pixels(...rgba: number[][]): Uint8ClampedArray {
  return new Uint8ClampedArray(rgba.flat());
}

describe("differenceHeatmap", () => {
  it("computes luminance-weighted stats over compared pixels", () => {
    // 2×2: identical, pure red change (77/256·255 → 76), full white/black change (255), green change 40.
    const a = pixels([10, 20, 30, 255], [255, 0, 0, 255], [255, 255, 255, 255], [0, 40, 0, 255]);
    const b = pixels([10, 20, 30, 255], [0, 0, 0, 255], [0, 0, 0, 255], [0, 0, 0, 255]);
    const { heatmap, stats } = differenceHeatmap(a, b, 2, 2);
    const levels = [0, (77 * 255) >> 8, 255, (150 * 40) >> 8];
    expect(stats.comparedPixels).toBe(4);
    expect(stats.meanDiff).toBeCloseTo(levels.reduce((sum, level) => sum + level, 0) / 4 / 255, 10);
    expect(stats.changedShare).toBe(0.5); // 76 and 255 exceed 32; 23 (green 40) does not
    expect(stats.maxDiff).toBe(1);
    expect(Array.from(heatmap.slice(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(heatmap.slice(8, 12))).toEqual(heatmapColor(255));
    expect(heatmapColor(255)).toEqual([255, 0, 0, 255]);
  });
  it("leaves pixels covered by one image out of the stats and marks them", () => {
    const a = pixels([0, 0, 0, 255], [0, 0, 0, 0], [0, 0, 0, 0]);
    const b = pixels([0, 0, 0, 255], [200, 200, 200, 255], [0, 0, 0, 0]);
    const { heatmap, stats } = differenceHeatmap(a, b, 3, 1);
    expect(stats).toEqual({ meanDiff: 0, changedShare: 0, comparedPixels: 1, maxDiff: 0 });
    expect(Array.from(heatmap.slice(4, 8))).toEqual([...DIFF_UNCOMPARED_RGBA]);
    expect(Array.from(heatmap.slice(8, 12))).toEqual([0, 0, 0, 0]);
  });
  it("returns zero stats when nothing is compared, and rejects short buffers", () => {
    const empty = pixels([0, 0, 0, 0]);
    expect(differenceHeatmap(empty, empty, 1, 1).stats.meanDiff).toBe(0);
    expect(() => differenceHeatmap(empty, empty, 2, 2)).toThrow(/2×2/);
  });
  it("ramps from transparent through yellow to red", () => {
    expect(heatmapColor(0)[3]).toBe(0);
    const low = heatmapColor(20);
    expect(low[0]).toBe(255);
    expect(low[1]).toBeGreaterThan(180);
    expect(heatmapColor(128)).toEqual([255, 0, 0, 255]);
  });
  it("handles a 1024×1024 frame in well under 50 ms", () => {
    const size = 1024 * 1024 * 4;
    const a = new Uint8ClampedArray(size);
    const b = new Uint8ClampedArray(size);
    for (let i = 0; i < size; i++) {
      a[i] = (i * 2654435761) >>> 24;
      b[i] = (i * 40503) & 255;
    }
    const out = new Uint8ClampedArray(size);
    differenceHeatmap(a, b, 1024, 1024, out); // warm up the JIT
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      differenceHeatmap(a, b, 1024, 1024, out);
      best = Math.min(best, performance.now() - start);
    }
    expect(best).toBeLessThan(50);
  });
});

describe("helpers", () => {
  it("bounds the offscreen size", () => {
    expect(boundedSize({ width: 2048, height: 1024 })).toEqual({ width: 1024, height: 512, scale: 0.5 });
    expect(boundedSize({ width: 800, height: 600 })).toEqual({ width: 800, height: 600, scale: 1 });
  });
  it("describes stats", () => {
    expect(describeDifference({ meanDiff: 0.073, changedShare: 0.124, comparedPixels: 1, maxDiff: 1 })).toBe(
      "mean diff 7.3 % · 12.4 % of pixels changed",
    );
  });
});

describe("differenceLayout", () => {
  it("bounds the frame and places both images on whole pixels, the browser's and the judge's alike", () => {
    // A 4:3 source in a 2048×1024 edit frame: scaled by ½ to 1024×512, the source letterboxed.
    const layout = differenceLayout(commonFrame({ width: 1600, height: 1200 }, { width: 2048, height: 1024 }));
    expect(layout).toMatchObject({ width: 1024, height: 512, scale: 0.5 });
    expect(layout.edit).toEqual({ x: 0, y: 0, width: 1024, height: 512 });
    // 1600×1200 contain-fitted in 2048×1024 → 1365.33×1024 at x 341.33; halved and rounded.
    expect(layout.source).toEqual({ x: 171, y: 0, width: 682, height: 512 }); // edges 170.67 → 171, 853.33 → 853
    for (const rect of [layout.source, layout.edit]) {
      expect(Number.isInteger(rect.x) && Number.isInteger(rect.width)).toBe(true);
      expect(rect.x + rect.width).toBeLessThanOrEqual(layout.width);
    }
  });
});
