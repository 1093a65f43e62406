// readLinePieces hands a file on as pieces cut after newlines: together they are the file (with a
// last newline added where it had none), and their line counts add up.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readLinePieces } from "./line-reader";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-test-pieces-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function piecesOf(text: string, pieceBytes: number) {
  const file = path.join(scratch, "lines.csv");
  fs.writeFileSync(file, text);
  const pieces: { bytes: Buffer; lines: number }[] = [];
  for await (const piece of readLinePieces(file, pieceBytes)) pieces.push({ bytes: Buffer.from(piece.bytes), lines: piece.lines });
  return pieces;
}

describe("readLinePieces", () => {
  it("cuts after newlines only, and counts the lines", async () => {
    const lines = Array.from({ length: 500 }, (_, index) => `${index},'wörd ${"x".repeat(index % 40)}'`);
    const pieces = await piecesOf(lines.join("\n") + "\n", 256);
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces) expect(piece.bytes.at(-1)).toBe(0x0a);
    expect(Buffer.concat(pieces.map((piece) => piece.bytes)).toString("utf8")).toBe(lines.join("\n") + "\n");
    expect(pieces.reduce((sum, piece) => sum + piece.lines, 0)).toBe(500);
  });

  it("ends a last line that has no newline, and yields nothing for an empty file", async () => {
    const pieces = await piecesOf("1,'a'\n2,'b'", 1024);
    expect(Buffer.concat(pieces.map((piece) => piece.bytes)).toString()).toBe("1,'a'\n2,'b'\n");
    expect(pieces.reduce((sum, piece) => sum + piece.lines, 0)).toBe(2);
    expect(await piecesOf("", 1024)).toEqual([]);
  });
});
