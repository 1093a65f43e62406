// The one json.dumps (lib/manifest/python-json.ts): what the importer re-creates, the export
// rewrites and the demo generator writes. Verbatim Pico-Banana lines are checked in manifest.test.ts.
import { describe, expect, it } from "vitest";
import { pythonDumps, toJsonLines } from "./python-json";

describe("pythonDumps", () => {
  it("writes Python's separators, key order and escapes", () => {
    const value = { b: 1, a: [true, null, 0.25], é: 'say "hi"\n\t\u0001' };
    expect(pythonDumps(value, false)).toBe('{"b": 1, "a": [true, null, 0.25], "é": "say \\"hi\\"\\n\\t\\u0001"}');
    expect(pythonDumps({ edit_type: "Modern ↔ historical style/look" }, false)).toBe('{"edit_type": "Modern ↔ historical style/look"}');
    expect(pythonDumps("Funko-Pop–style ↔", true)).toBe('"Funko-Pop\\u2013style \\u2194"');
    expect(pythonDumps({}, false)).toBe("{}");
    expect(pythonDumps([], false)).toBe("[]");
  });

  it("escapes DEL and controls like Python's ensure_ascii, and writes NaN as Python's allow_nan does", () => {
    expect(pythonDumps("a\u007fb\u001f", true)).toBe('"a\\u007fb\\u001f"');
    expect(pythonDumps("a\u007fb", false)).toBe('"a\u007fb"');
    expect(pythonDumps([Number.NaN, 0.1], false)).toBe("[NaN, 0.1]");
  });

  it("writes a JSONL file's text, one line per value", () => {
    expect(toJsonLines([{ a: 1 }, ["↔"]], false)).toBe('{"a": 1}\n["↔"]\n');
    expect(toJsonLines([], false)).toBe("");
  });
});
