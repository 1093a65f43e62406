// One line of an import file checked and prepared for its batch: parsed, validated, hashed and,
// for an SFT line, its rows (sft-rows.ts), which also say whether the export can re-create the
// line from its fields (then its bytes need not be stored). Runs in the importing thread or in
// the checking worker (checked-lines.ts).
import crypto from "node:crypto";
import { readLineBatches } from "../manifest/line-reader";
import { parseLine, type LineProblem, type ParsedLine } from "../manifest/records";
import { rebuildMode } from "../manifest/sft-line";
import { termsAndWords } from "../search/terms";
import { sftRows, type RowContext, type SftRows } from "./sft-rows";

type Checked = { ok: true; lineNo: number; byteEnd: number; hash: string; terms: string | null; newWords?: string[] };

/**
 * byteEnd: where the line ends in the file (its newline included), for progress. terms: the
 * search words of the request an SFT or preference line creates (lib/search/terms.ts), computed
 * here so a bulk load's checking worker does it on its own core. newWords: those of its words no
 * earlier line of this file had, for the words list (the importer adds them with the line's batch).
 * An SFT line checked for importing (with a RowContext) brings its rows instead of its record
 * (sft-rows.ts), which also name its output image, and its raw text only where an earlier import
 * or line may have created the request it describes (the importer then writes the text as read:
 * see FileState).
 */
export type CheckedLine =
  | (Checked & { raw: string; parsed: ParsedLine })
  | (Checked & { raw: string | null; sft: SftRows })
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

/**
 * What checking a line needs of the file's earlier lines. seenWords: their words. hasOtherKinds:
 * whether one was good and not SFT: a preference or multi-turn line creates candidates an SFT line
 * may attach to later (in a dataset that was empty, the only way it can attach to anything).
 */
export type FileState = { seenWords: Set<string>; hasOtherKinds: boolean };

export const newFileState = (): FileState => ({ seenWords: new Set(), hasOtherKinds: false });

/**
 * checkLine, and for a good line everything its batch needs that depends on the line alone (and
 * `file`, which it updates). `rows`: build an SFT line's rows for this import (without, e.g. for a
 * strict import's first pass, it keeps its record).
 */
export function prepareLine(text: string, lineNo: number, byteEnd: number, file = newFileState(), rows?: RowContext): CheckedLine {
  const result = checkLine(text);
  if (!result.ok) return { ok: false, lineNo, byteEnd, problems: result.problems };
  const { parsed } = result;
  const hash = lineHash(text);
  let line: CheckedLine;
  if (parsed.kind === "sft" && rows) {
    const rebuild = rebuildMode(text, parsed.record);
    const built = sftRows(rows, { record: parsed.record, raw: text, hash, lineNo, rebuild });
    // Most of what crosses from the checking worker, and needed only by an SFT line that describes
    // a request created before it (batch-sft.ts): none can exist in a dataset that was empty until
    // a line of another kind is read.
    const raw = rows.isDatasetEmpty && !file.hasOtherKinds ? null : text;
    line = { ok: true, lineNo, byteEnd, raw, hash, sft: built, terms: null };
  } else line = { ok: true, lineNo, byteEnd, raw: text, hash, parsed, terms: null };
  if (parsed.kind !== "sft") file.hasOtherKinds = true;
  if (parsed.kind !== "sft" && parsed.kind !== "preference") return line;
  const { terms, words } = termsAndWords(parsed.record.text, parsed.record.summarized_text);
  line.terms = terms;
  for (const word of words) {
    if (file.seenWords.has(word)) continue;
    file.seenWords.add(word);
    (line.newWords ??= []).push(word);
  }
  return line;
}

/** The file's non-blank lines, checked in this thread (`rows`: see prepareLine). */
export async function* checkLinesHere(file: string, rows?: RowContext): AsyncGenerator<CheckedLine> {
  for await (const lines of checkLineBatches(file, rows)) yield* lines;
}

/** checkLinesHere, a batch of lines at a time (readLineBatches). */
export async function* checkLineBatches(file: string, rows?: RowContext): AsyncGenerator<CheckedLine[]> {
  let byteEnd = 0;
  const state = newFileState();
  for await (const lines of readLineBatches(file)) {
    const checked: CheckedLine[] = [];
    for (const line of lines) {
      byteEnd += line.byteLength;
      if (line.text.trim() === "") continue;
      checked.push(prepareLine(line.text, line.lineNo, byteEnd, state, rows));
    }
    if (checked.length) yield checked;
  }
}

/** Checking worker → importer (checked-lines.ts). */
export type CheckMessage = { type: "lines"; lines: CheckedLine[] } | { type: "end" } | { type: "error"; message: string };
