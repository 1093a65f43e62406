import { describe, expect, it } from "vitest";
import { describeMissing } from "./describe-missing";

describe("describeMissing", () => {
  it("names the missing dataset", () => {
    expect(describeMissing("/datasets/99999").title).toBe("No dataset 99999");
  });
  it("says a non-numeric id is not an id", () => {
    expect(describeMissing("/datasets/abc").title).toBe("“abc” is not a dataset id");
    expect(describeMissing("/datasets/1/items/x%20y").title).toBe("“x y” is not an item id");
  });
  it("names items and samples within a dataset", () => {
    expect(describeMissing("/datasets/1/items/777").title).toBe("No item 777 in dataset 1");
    expect(describeMissing("/datasets/2/queue/sample/9").title).toBe("No audit sample 9 in dataset 2");
  });
  it("falls back to the path for anything else", () => {
    expect(describeMissing("/nope")).toEqual({ title: "Page not found", detail: "Nothing lives at /nope." });
    expect(describeMissing("/datasets/1/nope").detail).toContain("no page “nope”");
  });
});
