// One line of an import file checked and prepared for its batch: parsed, validated, hashed and,
// for an SFT line, whether the export can re-create it from its fields (then its bytes need not
// be stored). Runs in the importing thread or in the checking worker (checked-lines.ts).
import crypto from "node:crypto";
import { readLines } from "../manifest/line-reader";
import { parseLine, type LineProblem, type ParsedLine } from "../manifest/records";
import { rebuildMode, type RebuildMode } from "../manifest/sft-line";
import { termsOf } from "../search/terms";

/**
 * byteEnd: where the line ends in the file (its newline included), for progress. terms: the
 * search words of the request an SFT or preference line creates (lib/search/terms.ts), computed
 * here so a bulk load's checking worker does it on its own core.
 */
export type CheckedLine =
  | {
      ok: true;
      lineNo: number;
      byteEnd: number;
      raw: string;
      hash: string;
      parsed: ParsedLine;
      rebuild: RebuildMode | null;
      terms: string | null;
    }
  | { ok: false; lineNo: number; byteEnd: number; problems: LineProblem[] };

/** 64 bits of sha256 as a decimal string (a bigint column: far cheaper to index than hex text). */
export function lineHash(raw: string): string {
  return crypto.createHash("sha256").update(raw).digest().readBigInt64BE(0).toString();
}

/** Validates one line: parse + kind-specific schema + things PostgreSQL text cannot hold. */
export function checkLine(text: string): { ok: true; parsed: ParsedLine } | { ok: false; problems: LineProblem[] } {
  if (text.includes("\\u0000"))
    return { ok: false, problems: [{ field: "(line)", problem: "contains a NUL character (\\u0000), which cannot be stored" }] };
  return parseLine(text);
}

/** checkLine, and for a good line everything its batch needs that depends on the line alone. */
export function prepareLine(text: string, lineNo: number, byteEnd: number): CheckedLine {
  const result = checkLine(text);
  if (!result.ok) return { ok: false, lineNo, byteEnd, problems: result.problems };
  const { parsed } = result;
  const rebuild = parsed.kind === "sft" ? rebuildMode(text, parsed.record) : null;
  const terms = parsed.kind === "sft" || parsed.kind === "preference" ? termsOf(parsed.record.text, parsed.record.summarized_text) : null;
  return { ok: true, lineNo, byteEnd, raw: text, hash: lineHash(text), parsed, rebuild, terms };
}

/** The file's non-blank lines, checked in this thread. */
export async function* checkLinesHere(file: string): AsyncGenerator<CheckedLine> {
  let byteEnd = 0;
  for await (const line of readLines(file)) {
    byteEnd += line.byteLength;
    if (line.text.trim() === "") continue;
    yield prepareLine(line.text, line.lineNo, byteEnd);
  }
}

/** Checking worker → importer (checked-lines.ts). */
export type CheckMessage = { type: "lines"; lines: CheckedLine[] } | { type: "end" } | { type: "error"; message: string };
