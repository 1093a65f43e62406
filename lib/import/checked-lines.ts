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
/**
 * The worker's young generation, in MB (V8's default is 16 or 32 at most). Nearly everything it
 * allocates (parsed lines, words, row text) dies within a chunk, and a scavenge costs what
 * survives it, so fewer, larger ones cost less: its share of a 200K load's time fell ~8%
 * (load 15.7-16.1 s against 14.3-14.9 s, alternating runs) for at most this much more memory.
 */
const WORKER_YOUNG_GENERATION_MB = 96;

export { checkLinesHere } from "./check-line";

/**
 * Checks the lines in a worker thread. The worker is TypeScript run through tsx (the CLI and the
 * tests run under it; the web app never takes this path). Stopping early ends the worker.
 */
export async function* checkLinesInWorker(file: string, rows?: RowContext): AsyncGenerator<CheckedLine> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const worker = new Worker(path.join(here, "check-worker-boot.mjs"), {
    workerData: { entry: path.join(here, "check-worker.ts"), file, rows, chunkLines: CHUNK_LINES, chunksAhead: CHUNKS_AHEAD },
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
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
