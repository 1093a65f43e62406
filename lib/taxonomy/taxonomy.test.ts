import { describe, expect, it } from "vitest";
import { EDIT_TYPES, GROUPS, groupOf, isKnownEditType, lookupEditType, normalizeEditType, UNKNOWN_GROUP } from ".";

describe("taxonomy", () => {
  it("has 35 edit types in 8 groups whose row counts total the SFT file", () => {
    expect(EDIT_TYPES).toHaveLength(35);
    expect(GROUPS).toHaveLength(8);
    expect(EDIT_TYPES.reduce((sum, entry) => sum + entry.sftRows, 0)).toBe(257730);
  });

  it("matches non-ASCII strings after NFC normalisation", () => {
    const decomposed = "Change overall color tone (warm ↔ cool)".normalize("NFD");
    expect(isKnownEditType(decomposed)).toBe(true);
    expect(normalizeEditType(` ${decomposed} `)).toBe("Change overall color tone (warm ↔ cool)");
  });

  it("states 13 paper success rates", () => {
    expect(EDIT_TYPES.filter((entry) => entry.paperSuccessRate !== null)).toHaveLength(13);
    expect(lookupEditType("Relocate an object (change its position/spatial relation)")?.paperSuccessRate).toBeCloseTo(0.5923);
  });

  it("keeps unknown types in an Unknown group", () => {
    expect(groupOf("Make it sparkle")).toBe(UNKNOWN_GROUP);
    expect(groupOf("Zoom in")).toBe("Scale");
  });
});
