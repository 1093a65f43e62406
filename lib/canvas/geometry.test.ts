import { describe, expect, it } from "vitest";
import { aspectLabel, describeSize, fitRect } from "./geometry";

describe("fitRect", () => {
  it("fits a wide image into a square frame, centred vertically", () => {
    expect(fitRect({ width: 768, height: 512 }, { width: 1024, height: 1024 })).toEqual({
      scale: 4 / 3,
      x: 0,
      y: (1024 - 512 * (4 / 3)) / 2,
      width: 1024,
      height: 512 * (4 / 3),
    });
  });
  it("fits a tall image into a wide frame, centred horizontally", () => {
    const fit = fitRect({ width: 100, height: 200 }, { width: 400, height: 100 });
    expect(fit.scale).toBe(0.5);
    expect(fit).toMatchObject({ x: 175, y: 0, width: 50, height: 100 });
  });
  it("is the identity for equal sizes", () => {
    expect(fitRect({ width: 64, height: 48 }, { width: 64, height: 48 })).toEqual({ scale: 1, x: 0, y: 0, width: 64, height: 48 });
  });
  it("returns scale 0 instead of NaN for degenerate sizes", () => {
    expect(fitRect({ width: 0, height: 10 }, { width: 100, height: 50 })).toEqual({ scale: 0, x: 50, y: 25, width: 0, height: 0 });
    expect(fitRect({ width: 10, height: 10 }, { width: 0, height: 0 }).scale).toBe(0);
  });
});

describe("aspectLabel", () => {
  it("reduces exact ratios", () => {
    expect(aspectLabel({ width: 768, height: 512 })).toBe("3:2");
    expect(aspectLabel({ width: 1024, height: 1024 })).toBe("1:1");
    expect(aspectLabel({ width: 1920, height: 1080 })).toBe("16:9");
  });
  it("approximates near-common ratios and falls back to a decimal", () => {
    expect(aspectLabel({ width: 1024, height: 683 })).toBe("≈3:2");
    expect(aspectLabel({ width: 1001, height: 700 })).toBe("1.43:1");
    expect(aspectLabel({ width: 700, height: 1001 })).toBe("1:1.43");
    expect(aspectLabel({ width: 864, height: 1184 })).toBe("1:1.37");
  });
  it("describes a size", () => {
    expect(describeSize({ width: 768, height: 512 })).toBe("768×512 (3:2)");
  });
});
