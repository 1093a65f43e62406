import { describe, expect, it } from "vitest";
import type { Rect } from "../canvas/geometry";
import { SOURCE_SCALE, THREE_UP_GAP, THREE_UP_LABEL, threeUpLayout, threeUpPanes, toEditPanePoint } from "./three-up";

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
/** A pane plus its label strip above it: what must not overlap another pane. */
const withLabel = (pane: Rect): Rect => ({ ...pane, y: pane.y - THREE_UP_LABEL, height: pane.height + THREE_UP_LABEL });

function expectSane(box: { width: number; height: number }, frame: { width: number; height: number }) {
  const { panes, size } = threeUpPanes(box, frame);
  expect(panes.map((pane) => pane.slot)).toEqual(["source", "left", "right"]);
  for (const pane of panes) {
    expect(pane.x).toBeGreaterThanOrEqual(-1e-9);
    expect(pane.y).toBeGreaterThanOrEqual(THREE_UP_LABEL);
    expect(pane.x + pane.width).toBeLessThanOrEqual(box.width + 1e-9);
    expect(pane.y + pane.height).toBeLessThanOrEqual(box.height + 1e-9);
    expect(pane.width / pane.height).toBeCloseTo(frame.width / frame.height, 6);
  }
  for (let i = 0; i < panes.length; i += 1)
    for (let j = i + 1; j < panes.length; j += 1) expect(overlaps(withLabel(panes[i]), withLabel(panes[j]))).toBe(false);
  expect(size.height).toBeLessThanOrEqual(box.height + 1e-9);
  // The edits are side by side, left on the left, and equally large.
  expect(panes[1].x + panes[1].width).toBeLessThanOrEqual(panes[2].x);
  expect(panes[1].width).toBe(panes[2].width);
  return threeUpPanes(box, frame);
}

describe("three-up panes", () => {
  it("puts the source as a half-size reference above wide edits in a wide, tall box (1440×900 labeller)", () => {
    const { arrangement, panes } = expectSane({ width: 1008, height: 700 }, { width: 640, height: 400 });
    expect(arrangement).toBe("source-top");
    expect(panes[1].width).toBeCloseTo((1008 - THREE_UP_GAP) / 2, 6); // the edits use the full width
    expect(panes[0].width).toBeCloseTo(panes[1].width * SOURCE_SCALE, 6);
  });
  it("puts the source left of square edits when the height is short", () => {
    const { arrangement, panes } = expectSane({ width: 900, height: 420 }, { width: 512, height: 512 });
    expect(arrangement).toBe("source-left");
    expect(panes[1].width).toBeCloseTo((900 - 2 * THREE_UP_GAP) / (2 + SOURCE_SCALE), 6); // width-bound: source + two edits fill it
  });
  it("keeps three equal panes in a row when the height limits the edits anyway", () => {
    const { arrangement, panes } = expectSane({ width: 2400, height: 400 }, { width: 640, height: 400 });
    expect(arrangement).toBe("row");
    expect(panes[0].width).toBe(panes[1].width);
  });
  it("stays inside the box at narrow and tablet sizes, for wide, square and tall frames", () => {
    for (const box of [
      { width: 768, height: 420 },
      { width: 592, height: 576 },
      { width: 992, height: 500 },
      { width: 300, height: 200 },
    ]) {
      for (const frame of [
        { width: 640, height: 400 },
        { width: 512, height: 512 },
        { width: 400, height: 640 },
      ])
        expectSane(box, frame);
    }
  });
  it("lays out a placeholder while no image has a size, and nothing negative in an empty box", () => {
    expect(threeUpPanes({ width: 900, height: 600 }, null).panes).toHaveLength(3);
    expect(threeUpPanes({ width: 0, height: 0 }, { width: 4, height: 3 }).panes.every((pane) => pane.width === 0)).toBe(true);
  });
  it("maps a point in the smaller source pane to the edit pane's pixels", () => {
    const { panes } = threeUpPanes({ width: 1008, height: 700 }, { width: 640, height: 400 });
    expect(toEditPanePoint(panes[0], panes[1], { x: 10, y: 20 })).toEqual({ x: 20, y: 40 });
  });
});

describe("three-up layout", () => {
  it("frames everything like the larger edit and fits the others inside", () => {
    const layout = threeUpLayout({ width: 1200, height: 800 }, { width: 512, height: 512 }, { width: 640, height: 640 })!;
    expect(layout.frame).toEqual({ width: 640, height: 640 });
    expect(layout.right!.rect).toEqual({ x: 0, y: 0, width: 640, height: 640 });
    expect(layout.left!.rect).toEqual({ x: 0, y: 0, width: 640, height: 640 });
    // 3:2 source letterboxed in the square frame
    expect(layout.source!.rect.width).toBe(640);
    expect(layout.source!.rect.height).toBeCloseTo(426.67, 1);
    expect(layout.compare.edit.size).toEqual({ width: 640, height: 640 });
  });
  it("works while images are still loading", () => {
    expect(threeUpLayout(null, null, null)).toBeNull();
    const partial = threeUpLayout({ width: 300, height: 200 }, null, null)!;
    expect(partial.frame).toEqual({ width: 300, height: 200 });
    expect(partial.left).toBeNull();
    expect(partial.compare.edit.rect.width).toBe(300);
  });
});
