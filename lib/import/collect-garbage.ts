// A full garbage collection, for the long bulk loads of the CLI and the benchmarks. Each batch
// leaves tens of MB of strings behind (lines, CSV, COPY blobs), and V8 lets its heap grow to
// several times what is live before collecting it: a 400K-row load peaked at 1.3 GB resident
// with ~130 MB live. Collecting every few batches keeps the peak near what is live, at ~0.1 s a time.
// `--expose-gc` is turned on at run time rather than required on every command line.
import v8 from "node:v8";
import vm from "node:vm";

let collect: (() => void) | null | undefined;

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
