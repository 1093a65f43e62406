import { describe, expect, it } from "vitest";
import { commonFrame } from "./common-frame";
import {
  clampView,
  fitView,
  frameToViewport,
  imagePixelScale,
  MAX_PIXEL_ZOOM,
  oneToOneView,
  oneToOneZoom,
  panBy,
  viewToStage,
  viewportToFrame,
  wheelZoomFactor,
  zoomAbout,
  zoomAtCenter,
  zoomLimits,
} from "./view";

const frame = { width: 1024, height: 1024 };
const viewport = { width: 800, height: 400 };
const limits = { min: 1, max: 100 };

describe("viewToStage", () => {
  it("fits and centres the frame at zoom 1", () => {
    expect(viewToStage(fitView(), viewport, frame)).toEqual({ scale: 400 / 1024, x: 200, y: 0 });
  });
  it("puts the centre fraction at the viewport centre", () => {
    const view = { zoom: 4, centerX: 0.25, centerY: 0.75 };
    expect(frameToViewport({ x: 256, y: 768 }, view, viewport, frame)).toEqual({ x: 400, y: 200 });
    const back = viewportToFrame({ x: 123, y: 45 }, view, viewport, frame);
    const again = frameToViewport(back, view, viewport, frame);
    expect(again.x).toBeCloseTo(123, 9);
    expect(again.y).toBeCloseTo(45, 9);
  });
});

describe("zoomAbout", () => {
  it("keeps the frame point under the cursor in place", () => {
    const start = { zoom: 2, centerX: 0.5, centerY: 0.5 };
    const cursor = { x: 500, y: 150 };
    const before = viewportToFrame(cursor, start, viewport, frame);
    const zoomed = zoomAbout(start, 1.5, cursor, viewport, frame, limits);
    expect(zoomed.zoom).toBeCloseTo(3, 10);
    const after = frameToViewport(before, zoomed, viewport, frame);
    expect(after.x).toBeCloseTo(cursor.x, 9);
    expect(after.y).toBeCloseTo(cursor.y, 9);
  });
  it("clamps to the zoom limits", () => {
    expect(zoomAbout(fitView(), 0.5, { x: 10, y: 10 }, viewport, frame, limits)).toEqual(fitView());
    expect(zoomAbout({ zoom: 90, centerX: 0.5, centerY: 0.5 }, 4, { x: 400, y: 200 }, viewport, frame, limits).zoom).toBe(100);
  });
  it("zooms about the centre for buttons", () => {
    expect(zoomAtCenter({ zoom: 2, centerX: 0.3, centerY: 0.6 }, 2, viewport, frame, limits)).toEqual({
      zoom: 4,
      centerX: 0.3,
      centerY: 0.6,
    });
  });
});

describe("clampView and panBy", () => {
  it("centres an axis along which the frame is smaller than the viewport", () => {
    // At zoom 1.5 the frame is 600 px wide in an 800 px viewport: x must stay centred.
    expect(clampView({ zoom: 1.5, centerX: 0.1, centerY: 0.1 }, viewport, frame, limits)).toEqual({
      zoom: 1.5,
      centerX: 0.5,
      centerY: 400 / 600 / 2,
    });
  });
  it("pans with the pointer and stops at the frame edge", () => {
    const view = { zoom: 4, centerX: 0.5, centerY: 0.5 };
    const scale = (400 / 1024) * 4;
    const moved = panBy(view, -100, 50, viewport, frame, limits);
    expect(moved.centerX).toBeCloseTo(0.5 + 100 / (scale * 1024), 10);
    expect(moved.centerY).toBeCloseTo(0.5 - 50 / (scale * 1024), 10);
    const far = panBy(view, -1e6, 1e6, viewport, frame, limits);
    expect(far.centerX).toBeCloseTo(1 - 800 / (2 * scale * 1024), 10);
    expect(far.centerY).toBeCloseTo(400 / (2 * scale * 1024), 10);
  });
  it("repairs non-finite input", () => {
    expect(clampView({ zoom: Number.NaN, centerX: Number.NaN, centerY: 0.5 }, viewport, frame, limits)).toEqual(fitView());
  });
});

describe("zoom limits and 1:1", () => {
  const fitted = commonFrame({ width: 768, height: 512 }, { width: 1024, height: 1024 });
  it("computes the zoom at which an image shows one screen pixel per image pixel", () => {
    const zoom = oneToOneZoom(fitted.edit, viewport, fitted.frame);
    expect(zoom).toBeCloseTo(1024 / 400, 10);
    expect(imagePixelScale({ zoom, centerX: 0.5, centerY: 0.5 }, fitted.edit, viewport, fitted.frame)).toBeCloseTo(1, 10);
    // The 768-wide source is stretched to 1024 frame units, so it reaches 1:1 earlier.
    expect(oneToOneZoom(fitted.source, viewport, fitted.frame)).toBeCloseTo(768 / 400, 10);
  });
  it("allows zooming from fit to MAX_PIXEL_ZOOM pixels of the most detailed image", () => {
    const found = zoomLimits([fitted.source, fitted.edit], viewport, fitted.frame);
    expect(found.min).toBe(1);
    expect(found.max).toBeCloseTo(MAX_PIXEL_ZOOM * (1024 / 400), 10);
  });
  it("lets 1:1 go below fit for a small image in a big viewport", () => {
    const small = commonFrame({ width: 100, height: 100 }, { width: 100, height: 100 });
    const big = { width: 1000, height: 1000 };
    expect(zoomLimits([small.edit], big, small.frame).min).toBeCloseTo(0.1, 10);
    expect(oneToOneView(fitView(), small.edit, big, small.frame, zoomLimits([small.edit], big, small.frame)).zoom).toBeCloseTo(0.1, 10);
  });
});

describe("wheelZoomFactor", () => {
  it("zooms in on negative delta, out on positive, symmetric", () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100)).toBeLessThan(1);
    expect(wheelZoomFactor(-100) * wheelZoomFactor(100)).toBeCloseTo(1, 10);
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(wheelZoomFactor(-48), 10);
  });
});
