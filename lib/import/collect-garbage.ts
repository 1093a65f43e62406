// A full garbage collection, for the long bulk loads of the CLI and the benchmarks. Each batch
// leaves tens of MB of strings behind (lines, CSV, COPY blobs), and V8 lets its heap grow to
// several times what is live before collecting it: a 400K-row load peaked at 1.3 GB resident
// with ~130 MB live. Collecting every few batches keeps the peak near what is live, at ~0.1 s a time.
// `--expose-gc` is turned on at run time rather than required on every command line.
import v8 from "node:v8";
import vm from "node:vm";

let collect: (() => void) | null | undefined;

/**
 * How far V8 lets the heap grow past what the last collection left live, in percent. V8 picks a
 * factor of up to 4 when collecting is cheap: a 400K-row load with ~130 MB live held ~440 MB of
 * heap, most of it garbage awaiting the next collection, and peaked at 1.0-1.07 GB resident. At
 * 30% it peaks at ~0.76 GB and loads no slower (fewer fresh pages for the kernel to hand out).
 */
const BULK_HEAP_GROWTH_PERCENT = 30;
let isGrowthLimited = false;

/**
 * Keeps the heap close to what is live for the rest of the process (a V8 flag, process-wide:
 * the CLI and the benchmarks call it once a bulk load starts; the web app never does).
 */
export function limitHeapGrowth(): void {
  if (isGrowthLimited) return;
  isGrowthLimited = true;
  v8.setFlagsFromString(`--heap-growing-percent=${BULK_HEAP_GROWTH_PERCENT}`);
}

export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      collect = vm.runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
