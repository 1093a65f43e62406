// The lines of an import file, checked and prepared (check-line.ts), in file order. A bulk load
// runs the checking in a worker thread: reading, JSON.parse, validation, hashing, the SFT
// rebuild test and the SFT rows (sft-rows.ts) are most of a load's JavaScript, and in a worker
// they run on a second core while the importing thread writes the previous batch (PGlite runs
// on the importing thread). The worker stays at most a few chunks ahead (credit returned per
// chunk), so memory stays bounded.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { CheckedLine, CheckMessage } from "./check-line";
import type { RowContext } from "./sft-rows";

export const CHUNK_LINES = 1000;
/** Chunks the worker may read ahead of the importer. */
export const CHUNKS_AHEAD = 8;

export { checkLinesHere } from "./check-line";

/**
 * Checks the lines in a worker thread. The worker is TypeScript run through tsx (the CLI and the
 * tests run under it; the web app never takes this path). Stopping early ends the worker.
 */
export async function* checkLinesInWorker(file: string, rows?: RowContext): AsyncGenerator<CheckedLine> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const worker = new Worker(path.join(here, "check-worker-boot.mjs"), {
    workerData: { entry: path.join(here, "check-worker.ts"), file, rows, chunkLines: CHUNK_LINES, chunksAhead: CHUNKS_AHEAD },
  });
  const inbox: CheckMessage[] = [];
  let wake: (() => void) | null = null;
  const deliver = (message: CheckMessage) => {
    inbox.push(message);
    wake?.();
    wake = null;
  };
  worker.on("message", deliver);
  worker.on("error", (error) => deliver({ type: "error", message: error.message }));
  // Messages posted before the worker ends arrive before its exit: an exit first means it died.
  worker.on("exit", (code) =>
    deliver({ type: "error", message: `the checking worker stopped (exit code ${code}) before the end of the file` }),
  );
  try {
    for (;;) {
      if (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift()!;
      if (message.type === "end") return;
      if (message.type === "error") throw new Error(`${path.basename(file)}: ${message.message}`);
      worker.postMessage("more");
      yield* message.lines;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
