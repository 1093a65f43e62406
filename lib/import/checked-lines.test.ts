// The checking worker of a bulk load yields exactly what checking in the thread yields (bad lines
// and their problems included, across chunk boundaries), and stopping early ends it cleanly.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkLinesHere, checkLinesInWorker, CHUNK_LINES } from "./checked-lines";

const MIXED = path.resolve(import.meta.dirname, "../../tests/fixtures/import/mixed-kinds.jsonl");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-test-checked-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

async function collect<T>(lines: AsyncIterable<T>, limit = Infinity): Promise<T[]> {
  const found: T[] = [];
  for await (const line of lines) {
    found.push(line);
    if (found.length >= limit) break;
  }
  return found;
}

/** The mixed fixture repeated past a few chunks, with blank lines and a CRLF in between. */
function longFile(): string {
  const mixed = fs.readFileSync(MIXED, "utf8").trimEnd().split("\n");
  const lines: string[] = [];
  while (lines.length < CHUNK_LINES * 2.5) lines.push(...mixed, "", `${mixed[1]}\r`);
  const file = path.join(scratch, "long.jsonl");
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("checked lines", () => {
  it("are the same from the worker as from this thread, bad lines included", async () => {
    const file = longFile();
    const here = await collect(checkLinesHere(file));
    const inWorker = await collect(checkLinesInWorker(file));
    expect(inWorker).toEqual(here);
    expect(here.some((line) => !line.ok && line.problems[0].field === "verdict")).toBe(true);
    expect(here.at(-1)?.byteEnd).toBe(fs.statSync(file).size);
  });

  it("stop the worker when the importer stops early", async () => {
    const lines = await collect(checkLinesInWorker(longFile()), 3);
    expect(lines.map((line) => line.lineNo)).toEqual([1, 2, 3]);
  });

  it("report a file the worker cannot read", async () => {
    await expect(collect(checkLinesInWorker(path.join(scratch, "missing.jsonl")))).rejects.toThrow(/missing\.jsonl: .*ENOENT/);
  });
});
