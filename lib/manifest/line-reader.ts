// Streams a JSONL file line by line in constant memory, keeping 1-based line numbers. Strips a
// UTF-8 BOM and a trailing CR (CRLF files) and reports blank lines so callers can skip them.
import fs from "node:fs";

export type SourceLine = { lineNo: number; text: string; byteLength: number };

export async function* readLines(file: string | NodeJS.ReadableStream): AsyncGenerator<SourceLine> {
  const stream = typeof file === "string" ? fs.createReadStream(file) : file;
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  let lineNo = 0;
  let isFirst = true;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (isFirst) {
      if (pending.charCodeAt(0) === 0xfeff) pending = pending.slice(1);
      isFirst = false;
    }
    let newline = pending.indexOf("\n");
    let start = 0;
    while (newline !== -1) {
      let text = pending.slice(start, newline);
      if (text.endsWith("\r")) text = text.slice(0, -1);
      lineNo++;
      yield { lineNo, text, byteLength: Buffer.byteLength(text) + 1 };
      start = newline + 1;
      newline = pending.indexOf("\n", start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending.length > 0) {
    if (pending.endsWith("\r")) pending = pending.slice(0, -1);
    lineNo++;
    yield { lineNo, text: pending, byteLength: Buffer.byteLength(pending) };
  }
}
