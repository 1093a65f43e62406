// The checking worker of a bulk load (checked-lines.ts): checks the file's lines and posts them
// in chunks, waiting whenever it is CHUNKS_AHEAD chunks ahead of the importer.
import { parentPort, workerData } from "node:worker_threads";
import { checkLineBatches, type CheckedLine, type CheckMessage } from "./check-line";
import type { RowContext } from "./sft-rows";

const { file, rows, chunkLines, chunksAhead } = workerData as { file: string; rows?: RowContext; chunkLines: number; chunksAhead: number };
const port = parentPort!;
let credit = chunksAhead;
let wake: (() => void) | null = null;
port.on("message", () => {
  credit++;
  wake?.();
  wake = null;
});

async function send(lines: CheckedLine[]) {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  port.postMessage({ type: "lines", lines } satisfies CheckMessage);
}

async function run() {
  let chunk: CheckedLine[] = [];
  for await (const lines of checkLineBatches(file, rows)) {
    for (const line of lines) {
      chunk.push(line);
      if (chunk.length < chunkLines) continue;
      await send(chunk);
      chunk = [];
    }
  }
  if (chunk.length) await send(chunk);
  port.postMessage({ type: "end" } satisfies CheckMessage);
  port.close();
}

run().catch((error: unknown) => {
  port.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) } satisfies CheckMessage);
  port.close();
});
