import { describe, expect, it } from "vitest";
import { queryOf, termsOf, wordsOf } from "./terms";

describe("search words", () => {
  it("splits on anything but letters and digits, lower-cases and keeps each word once", () => {
    expect(wordsOf("Add a RED car; the red car's 2nd wheel—blue-sky")).toEqual([
      "add",
      "a",
      "red",
      "car",
      "the",
      "s",
      "2nd",
      "wheel",
      "blue",
      "sky",
    ]);
  });

  it("cuts words at 200 characters and splits ASCII text exactly as its Unicode pattern would", () => {
    expect(wordsOf(`${"a".repeat(300)} b ${"a".repeat(200)}`)).toEqual(["a".repeat(200), "b"]);
    // The Kelvin sign lower-cases to an ASCII "k".
    expect(wordsOf("\u212Aelvin x--y__z 12ab  ")).toEqual(["kelvin", "x", "y", "z", "12ab"]);
    expect(wordsOf("  ,; ")).toEqual([]);
    const texts = ["Add a RED car; the red car's 2nd wheel—blue-sky", "tabs\there\nnew_lines", "Zoom in 2x (50%)", "ünïcödé and ascii"];
    for (const text of texts)
      expect(wordsOf(text)).toEqual([
        ...new Set(
          text
            .toLowerCase()
            .normalize("NFC")
            .match(/[\p{L}\p{N}]+/gu) ?? [],
        ),
      ]);
  });

  it("keeps letters of every script, normalised", () => {
    expect(wordsOf("Café au lait, Ünïcödé 東京タワー")).toEqual(["café", "au", "lait", "ünïcödé", "東京タワー"]);
    expect(wordsOf("Cafe\u0301")).toEqual(["café"]);
  });

  it("writes a tsvector literal with quotes and backslashes escaped", () => {
    expect(termsOf("It's a \\ test", "a test")).toBe("'it' 's' 'a' 'test'");
    expect(termsOf("l'été", "")).toBe("'l' 'été'");
  });

  it("turns a typed query into prefix words that must all match", () => {
    expect(queryOf("Red car")).toBe("'red':* & 'car':*");
    expect(queryOf("  '' && !! ")).toBeNull();
    expect(queryOf("o'brien")).toBe("'o':* & 'brien':*");
  });

  it("turns a typed word into the stored words it stands for, when they are known", () => {
    const expansion = new Map([
      ["red", ["red", "reddish"]],
      ["car", ["car"]],
      ["zq", []],
      ["s", null],
    ]);
    expect(queryOf("Red car", expansion)).toBe("('red' | 'reddish') & 'car'");
    // No stored word starts with it: the word itself, exactly (matches nothing, at once).
    expect(queryOf("zq car", expansion)).toBe("'zq' & 'car'");
    // Too many to list, or not looked up: a prefix.
    expect(queryOf("s car", expansion)).toBe("'s':* & 'car'");
    expect(queryOf("blue car", expansion)).toBe("'blue':* & 'car'");
    expect(queryOf("l'été", new Map([["été", ["été", "étés"]]]))).toBe("'l':* & ('été' | 'étés')");
  });

  it("bounds a hostile query", () => {
    const query = queryOf(Array.from({ length: 100 }, (_, index) => `w${index}`).join(" "))!;
    expect(query.split(" & ")).toHaveLength(16);
    expect(wordsOf("x".repeat(5000))[0]).toHaveLength(200);
  });
});
