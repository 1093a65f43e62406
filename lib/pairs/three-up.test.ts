import { describe, expect, it } from "vitest";
import { THREE_UP_GAP, threeUpLayout, threeUpPanes } from "./three-up";

describe("three-up panes", () => {
  it("splits the stage in three equal panes with gaps", () => {
    const panes = threeUpPanes({ width: 908, height: 400 });
    expect(panes.map((pane) => pane.slot)).toEqual(["source", "left", "right"]);
    expect(panes.every((pane) => pane.width === 300 && pane.height === 400)).toBe(true);
    expect(panes[2].x + panes[2].width).toBe(908);
    expect(panes[1].x - (panes[0].x + panes[0].width)).toBe(THREE_UP_GAP);
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
