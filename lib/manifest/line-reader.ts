// Streams a JSONL file line by line in constant memory, keeping 1-based line numbers. Strips a
// UTF-8 BOM and a trailing CR (CRLF files) and reports blank lines so callers can skip them.
// Works on bytes: each chunk is scanned once for "\n" (a byte that never occurs inside a UTF-8
// sequence), and the pieces of a line are joined once when it ends, so a line of any length
// costs time in proportion to its length (rescanning a growing string made one long line quadratic).
import fs from "node:fs";

/** byteLength: the line's bytes in the file, its newline included. */
export type SourceLine = { lineNo: number; text: string; byteLength: number };

const NEWLINE = 0x0a;
const decoder = new TextDecoder("utf-8");

function decodeLine(pieces: Buffer[], total: number, isFirst: boolean): string {
  let text = decoder.decode(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, total));
  if (isFirst && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

export async function* readLines(file: string | NodeJS.ReadableStream): AsyncGenerator<SourceLine> {
  for await (const lines of readLineBatches(file)) yield* lines;
}

/**
 * readLines, a batch at a time: the lines that end in each chunk read (about 64 KB), for loops
 * that handle many lines (a bulk load's checking worker), where an await per line costs more
 * than the work on a short line.
 */
export async function* readLineBatches(file: string | NodeJS.ReadableStream): AsyncGenerator<SourceLine[]> {
  const stream = typeof file === "string" ? fs.createReadStream(file) : file;
  let pieces: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  for await (const raw of stream as AsyncIterable<Buffer | string>) {
    const chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
    const lines: SourceLine[] = [];
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE, start); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      const piece = chunk.subarray(start, newline);
      pieces.push(piece);
      const text = decodeLine(pieces, pendingBytes + piece.length, lineNo === 0);
      lineNo++;
      lines.push({ lineNo, text, byteLength: pendingBytes + piece.length + 1 });
      pieces = [];
      pendingBytes = 0;
      start = newline + 1;
    }
    if (start < chunk.length) {
      // Copy: the stream may reuse its buffer for the next chunk.
      const rest = Buffer.from(chunk.subarray(start));
      pieces.push(rest);
      pendingBytes += rest.length;
    }
    if (lines.length) yield lines;
  }
  if (pendingBytes > 0) {
    const text = decodeLine(pieces, pendingBytes, lineNo === 0);
    lineNo++;
    yield [{ lineNo, text, byteLength: pendingBytes }];
  }
}

/**
 * A file's bytes in pieces of about `pieceBytes`, each ending after a newline (a missing last one
 * is added), with the lines each holds: for text handed on as it is, such as a COPY file.
 */
export async function* readLinePieces(file: string, pieceBytes: number): AsyncGenerator<{ bytes: Uint8Array<ArrayBuffer>; lines: number }> {
  const piece = (data: Buffer<ArrayBuffer>, end: number) => {
    let lines = 0;
    for (let at = data.indexOf(NEWLINE); at !== -1 && at < end; at = data.indexOf(NEWLINE, at + 1)) lines++;
    return { bytes: data.subarray(0, end), lines };
  };
  let carried = Buffer.alloc(0);
  for await (const read of fs.createReadStream(file, { highWaterMark: pieceBytes }) as AsyncIterable<Buffer>) {
    const data = Buffer.concat([carried, read]);
    const end = data.lastIndexOf(NEWLINE) + 1;
    carried = Buffer.from(data.subarray(end));
    if (end > 0) yield piece(data, end);
  }
  if (carried.length) yield piece(Buffer.concat([carried, Buffer.from("\n")]), carried.length + 1);
}
