import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pythonJsonDumps } from "./json-dumps";

const sampleDir = path.resolve(import.meta.dirname, "../../../shared/pico-banana-sample");

describe("pythonJsonDumps", () => {
  it("writes Python's separators, key order and escapes", () => {
    const value = { b: 1, a: [true, null, 0.25], "é": 'say "hi"\n\t\u0001' };
    expect(pythonJsonDumps(value)).toBe('{"b": 1, "a": [true, null, 0.25], "é": "say \\"hi\\"\\n\\t\\u0001"}');
    expect(pythonJsonDumps({ edit_type: "Modern ↔ historical style/look" })).toBe('{"edit_type": "Modern ↔ historical style/look"}');
    expect(pythonJsonDumps("Funko-Pop–style ↔", { ensureAscii: true })).toBe('"Funko-Pop\\u2013style \\u2194"');
    expect(pythonJsonDumps({})).toBe("{}");
    expect(pythonJsonDumps([])).toBe("[]");
  });

  it.runIf(fs.existsSync(sampleDir))("reproduces the verbatim Pico-Banana lines byte for byte", () => {
    for (const file of ["sft.verbatim.jsonl", "multi-turn.verbatim.jsonl", "sft.third-party-modified.xiongpeilin.jsonl"]) {
      const lines = fs.readFileSync(path.join(sampleDir, file), "utf8").split("\n").filter(Boolean);
      for (const line of lines) expect(pythonJsonDumps(JSON.parse(line))).toBe(line);
    }
  });
});
