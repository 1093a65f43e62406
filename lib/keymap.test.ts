import { describe, expect, it } from "vitest";
import { entriesForScopes, formatKey, KEYMAP, matchKey, parseKeySpec } from "./keymap";

const itemPage = ["item", "canvas", "global"] as const;
const pairPage = ["pair", "canvas", "global"] as const;

describe("KEYMAP", () => {
  it("has unique ids and no duplicate key within a scope", () => {
    const ids = KEYMAP.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const scope of ["item", "pair", "canvas", "global"] as const) {
      const keys = KEYMAP.filter((entry) => entry.scope === scope).flatMap((entry) => entry.keys);
      expect(new Set(keys).size, scope).toBe(keys.length);
    }
  });
  it("binds compare modes to 1–5", () => {
    expect(["1", "2", "3", "4", "5"].map((key) => matchKey({ key }, itemPage))).toEqual([
      "mode-side-by-side",
      "mode-swipe",
      "mode-onion",
      "mode-difference",
      "mode-blink",
    ]);
  });
});

describe("matchKey", () => {
  it("maps the item review keys", () => {
    expect(matchKey({ key: "a" }, itemPage)).toBe("accept");
    expect(matchKey({ key: "r" }, itemPage)).toBe("reject");
    expect(matchKey({ key: "u" }, itemPage)).toBe("unsure");
    expect(matchKey({ key: "j" }, itemPage)).toBe("next");
    expect(matchKey({ key: "ArrowRight" }, itemPage)).toBe("next");
    expect(matchKey({ key: "k" }, itemPage)).toBe("previous");
    expect(matchKey({ key: "ArrowLeft" }, itemPage)).toBe("previous");
    expect(matchKey({ key: "+", shiftKey: true }, itemPage)).toBe("zoom-in");
    expect(matchKey({ key: "=" }, itemPage)).toBe("zoom-in");
    expect(matchKey({ key: "-" }, itemPage)).toBe("zoom-out");
    expect(matchKey({ key: "0" }, itemPage)).toBe("zoom-fit");
    expect(matchKey({ key: "?", shiftKey: true }, itemPage)).toBe("help");
    expect(matchKey({ key: "Escape" }, itemPage)).toBe("close");
  });
  it("lets the pair scope win over canvas and item meanings", () => {
    expect(matchKey({ key: "ArrowLeft" }, pairPage)).toBe("prefer-left");
    expect(matchKey({ key: "1" }, pairPage)).toBe("prefer-left");
    expect(matchKey({ key: "ArrowRight" }, pairPage)).toBe("prefer-right");
    expect(matchKey({ key: "2" }, pairPage)).toBe("prefer-right");
    expect(matchKey({ key: "3" }, pairPage)).toBe("mode-onion");
    expect(matchKey({ key: "t" }, pairPage)).toBe("tie");
    expect(matchKey({ key: "b" }, pairPage)).toBe("both-bad");
    expect(matchKey({ key: "s" }, pairPage)).toBe("skip");
    expect(matchKey({ key: "z" }, pairPage)).toBe("undo");
    expect(matchKey({ key: "a" }, pairPage)).toBeNull();
  });
  it("handles modifiers: undo with Ctrl or ⌘, plain keys never with Ctrl/⌘/Alt", () => {
    expect(matchKey({ key: "z", ctrlKey: true }, itemPage)).toBe("undo");
    expect(matchKey({ key: "z", metaKey: true }, itemPage)).toBe("undo");
    expect(matchKey({ key: "r", ctrlKey: true }, itemPage)).toBeNull();
    expect(matchKey({ key: "a", metaKey: true }, itemPage)).toBeNull();
    expect(matchKey({ key: "a", altKey: true }, itemPage)).toBeNull();
    expect(matchKey({ key: "A", shiftKey: true }, itemPage)).toBe("accept");
  });
  it("ignores keys typed into fields, except Escape", () => {
    expect(matchKey({ key: "a", target: { tagName: "INPUT" } }, itemPage)).toBeNull();
    expect(matchKey({ key: "j", target: { tagName: "textarea" } }, itemPage)).toBeNull();
    expect(matchKey({ key: "1", target: { tagName: "SELECT" } }, itemPage)).toBeNull();
    expect(matchKey({ key: "r", target: { tagName: "DIV", isContentEditable: true } }, itemPage)).toBeNull();
    expect(matchKey({ key: "a", target: { tagName: "BUTTON" } }, itemPage)).toBe("accept");
    expect(matchKey({ key: "Escape", target: { tagName: "INPUT" } }, itemPage)).toBe("close");
  });
  it("ignores handled, composing and repeated decision keys", () => {
    expect(matchKey({ key: "a", defaultPrevented: true }, itemPage)).toBeNull();
    expect(matchKey({ key: "a", isComposing: true }, itemPage)).toBeNull();
    expect(matchKey({ key: "a", repeat: true }, itemPage)).toBeNull();
    expect(matchKey({ key: "j", repeat: true }, itemPage)).toBe("next");
  });
  it("only matches scopes that are active", () => {
    expect(matchKey({ key: "a" }, ["global"])).toBeNull();
    expect(matchKey({ key: "?" }, ["global"])).toBe("help");
  });
});

describe("key specs", () => {
  it("parses modifiers and the + key", () => {
    expect(parseKeySpec("mod+z")).toMatchObject({ key: "z", isMod: true });
    expect(parseKeySpec("+")).toMatchObject({ key: "+", isMod: false });
    expect(parseKeySpec("ctrl++")).toMatchObject({ key: "+", isCtrl: true });
  });
  it("formats keys for the help overlay", () => {
    expect(formatKey("mod+z")).toBe("Ctrl/⌘ + Z");
    expect(formatKey("ArrowLeft")).toBe("←");
    expect(formatKey("a")).toBe("A");
    expect(formatKey("Escape")).toBe("Esc");
  });
  it("groups entries by scope for the overlay", () => {
    const groups = entriesForScopes(["pair", "global"]);
    expect(groups.map((group) => group.scope)).toEqual(["pair", "global"]);
    expect(groups[0].entries.map((entry) => entry.id)).toEqual(["prefer-left", "prefer-right", "tie", "both-bad", "skip"]);
  });
});

describe("shortcuts next to form controls", () => {
  it("still work after clicking a checkbox or a button, but not while typing in a text field", () => {
    expect(matchKey({ key: "r", target: { tagName: "INPUT", type: "checkbox" } }, ["item"])).toBe("reject");
    expect(matchKey({ key: "r", target: { tagName: "BUTTON" } }, ["item"])).toBe("reject");
    expect(matchKey({ key: "r", target: { tagName: "INPUT", type: "search" } }, ["item"])).toBeNull();
    expect(matchKey({ key: "r", target: { tagName: "INPUT" } }, ["item"])).toBeNull();
  });
});
