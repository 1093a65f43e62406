import { describe, expect, it } from "vitest";
import { paneAt, panesFor, PANE_GAP } from "./panes";
import { clampSplit, splitForKey, splitFromPointer, swipeClip } from "./swipe";

describe("swipeClip", () => {
  it("splits the viewport at the given fraction", () => {
    expect(swipeClip(0.25, { width: 800, height: 600 })).toEqual({
      left: { x: 0, y: 0, width: 200, height: 600 },
      right: { x: 200, y: 0, width: 600, height: 600 },
      dividerX: 200,
    });
  });
  it("clamps the split to [0, 1] and repairs NaN", () => {
    expect(swipeClip(-1, { width: 100, height: 10 }).left.width).toBe(0);
    expect(swipeClip(2, { width: 100, height: 10 }).right.width).toBe(0);
    expect(clampSplit(Number.NaN)).toBe(0.5);
  });
  it("maps pointer and keys to a split", () => {
    expect(splitFromPointer(300, { width: 400, height: 10 })).toBe(0.75);
    expect(splitFromPointer(-5, { width: 400, height: 10 })).toBe(0);
    expect(splitForKey(0.5, "ArrowLeft")).toBeCloseTo(0.48, 10);
    expect(splitForKey(0.5, "ArrowRight", true)).toBeCloseTo(0.6, 10);
    expect(splitForKey(0.99, "ArrowRight")).toBe(1);
    expect(splitForKey(0.5, "Home")).toBe(0);
    expect(splitForKey(0.5, "a")).toBeNull();
  });
});

describe("panes", () => {
  it("splits side by side into two equal panes and uses one pane otherwise", () => {
    const [left, right] = panesFor("side-by-side", { width: 804, height: 300 });
    expect(left).toEqual({ x: 0, y: 0, width: 400, height: 300, side: "left" });
    expect(right).toEqual({ x: 400 + PANE_GAP, y: 0, width: 400, height: 300, side: "right" });
    expect(panesFor("swipe", { width: 804, height: 300 })).toEqual([{ x: 0, y: 0, width: 804, height: 300, side: "both" }]);
  });
  it("finds the pane under a point, the nearest one in the gap", () => {
    const panes = panesFor("side-by-side", { width: 804, height: 300 });
    expect(paneAt(panes, { x: 10, y: 10 }).side).toBe("left");
    expect(paneAt(panes, { x: 700, y: 10 }).side).toBe("right");
    expect(paneAt(panes, { x: 403, y: 10 }).side).toBe("right");
  });
});
