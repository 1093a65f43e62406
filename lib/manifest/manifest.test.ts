import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLines } from "./line-reader";
import { detectEnsureAscii, pythonDumps, replaceValues, splitObjectEntries } from "./python-json";
import { multiTurnFiles, parseLine } from "./records";

const SAMPLE = path.resolve(__dirname, "../../tests/fixtures/pico-banana-sample");
const sampleLines = (file: string) => fs.readFileSync(path.join(SAMPLE, file), "utf8").split("\n").filter(Boolean);

describe("python json.dumps compatibility", () => {
  it("re-serialises every sample line byte for byte", () => {
    for (const file of ["sft.verbatim.jsonl", "multi-turn.verbatim.jsonl", "sft.third-party-modified.xiongpeilin.jsonl"]) {
      for (const line of sampleLines(file)) {
        expect(pythonDumps(JSON.parse(line), detectEnsureAscii(line))).toBe(line);
      }
    }
  });

  it("escapes like ensure_ascii=True, or keeps raw UTF-8, as the line did", () => {
    const value = { edit_type: "Change overall color tone (warm ↔ cool)", note: 'quote " tab\t é 😀' };
    expect(pythonDumps(value, true)).toBe(
      '{"edit_type": "Change overall color tone (warm \\u2194 cool)", "note": "quote \\" tab\\t \\u00e9 \\ud83d\\ude00"}',
    );
    expect(pythonDumps(value, false)).toBe('{"edit_type": "Change overall color tone (warm ↔ cool)", "note": "quote \\" tab\\t é 😀"}');
  });

  it("replaces one value and keeps every other byte", () => {
    const line = '{"a": 1.0, "b": "x\\u2194", "c": [1, {"d": "}"}], "e": null}';
    expect(splitObjectEntries(line).map((entry) => entry.rawValue)).toEqual(["1.0", '"x\\u2194"', '[1, {"d": "}"}]', "null"]);
    expect(replaceValues(line, { b: "y↔" })).toBe('{"a": 1.0, "b": "y\\u2194", "c": [1, {"d": "}"}], "e": null}');
  });
});

describe("parseLine", () => {
  it("detects the three manifest kinds and the two label formats", () => {
    expect(parseLine(sampleLines("sft.verbatim.jsonl")[0])).toMatchObject({ ok: true, parsed: { kind: "sft" } });
    const multi = parseLine(sampleLines("multi-turn.verbatim.jsonl")[0]);
    expect(multi).toMatchObject({ ok: true, parsed: { kind: "multi_turn" } });
    if (multi.ok && multi.parsed.kind === "multi_turn") {
      const files = multiTurnFiles(multi.parsed.record);
      expect(files.turns).toHaveLength(5);
      expect(files.turns[4]).toBe("images/multi-turn/101_attemptB_turn5.png");
    }
    expect(
      parseLine(
        '{"output_image": "a.png", "rejected_images": ["b.png"], "text": "t", "edit_type": "Zoom in", "open_image_input_url": "s.jpg", "summarized_text": "t"}',
      ),
    ).toMatchObject({ ok: true, parsed: { kind: "preference" } });
    expect(parseLine('{"image": "a.png", "judge": "x", "overall": 0.5}')).toMatchObject({ ok: true, parsed: { kind: "judge_scores" } });
    expect(parseLine('{"image": "a.png", "reviewer": "ann", "verdict": "reject", "reason_tags": ["artifacts"]}')).toMatchObject({
      ok: true,
      parsed: { kind: "decisions" },
    });
  });

  it("names the field and the problem", () => {
    expect(parseLine("{not json")).toMatchObject({ ok: false, problems: [{ field: "(line)" }] });
    const missing = parseLine('{"open_image_input_url": "s.jpg", "output_image": "a.png", "edit_type": "Zoom in", "summarized_text": "x"}');
    expect(missing).toEqual({ ok: false, problems: [{ field: "text", problem: "is missing" }] });
    const wrongType = parseLine(
      '{"open_image_input_url": "s.jpg", "text": 5, "output_image": "a.png", "edit_type": "Zoom in", "summarized_text": "x"}',
    );
    expect(wrongType.ok).toBe(false);
    if (!wrongType.ok) expect(wrongType.problems[0].field).toBe("text");
    const badScore = parseLine('{"image": "a.png", "judge": "x", "seamlessness": 1.5}');
    expect(badScore).toMatchObject({ ok: false, problems: [{ field: "seamlessness", problem: "must be in [0, 1]" }] });
  });

  it("keeps unknown edit types (NFC-normalised) and unknown keys", () => {
    const result = parseLine(
      '{"open_image_input_url": "s.jpg", "text": "t", "output_image": "a.png", "edit_type": "Make it sparkle", "summarized_text": "t", "extra": {"k": 1}}',
    );
    expect(result.ok && result.parsed.kind === "sft" && result.parsed.record.edit_type).toBe("Make it sparkle");
    expect(result.ok && (result.parsed.record as Record<string, unknown>).extra).toEqual({ k: 1 });
  });
});

describe("readLines", () => {
  it("strips a BOM and CRLF, numbers lines from 1 and yields blank lines", async () => {
    const lines = [];
    for await (const line of readLines(Readable.from([Buffer.from('\ufeff{"a": 1}\r\n\r\n{"b":'), Buffer.from(' "é"}\r\n')])))
      lines.push(line);
    expect(lines.map((line) => [line.lineNo, line.text])).toEqual([
      [1, '{"a": 1}'],
      [2, ""],
      [3, '{"b": "é"}'],
    ]);
  });

  it("splits multi-byte characters across chunks correctly", async () => {
    const bytes = Buffer.from('{"x": "↔"}\n');
    const lines = [];
    for await (const line of readLines(Readable.from([bytes.subarray(0, 9), bytes.subarray(9)]))) lines.push(line.text);
    expect(lines).toEqual(['{"x": "↔"}']);
  });

  it("counts every byte of the file, BOM and CR included", async () => {
    const bytes = Buffer.from("\ufeff{}\r\n\n[]");
    let total = 0;
    for await (const line of readLines(Readable.from([bytes]))) total += line.byteLength;
    expect(total).toBe(bytes.length);
  });

  it("reads one very long line in time linear in its length", async () => {
    // 8 MB in 4 KB chunks: rescanning the growing line on every chunk would touch ~8 GB of text.
    const chunk = Buffer.alloc(4096, "a");
    const chunks = Array.from({ length: 2048 }, () => chunk);
    const lines = [];
    for await (const line of readLines(Readable.from([...chunks, Buffer.from("\nb")]))) lines.push(line);
    expect(lines.map((line) => line.text.length)).toEqual([4096 * 2048, 1]);
    expect(lines[0].byteLength).toBe(4096 * 2048 + 1);
  });
});
