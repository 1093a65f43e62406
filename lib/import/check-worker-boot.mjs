// Starts the checking worker (check-worker.ts) through tsx's require hook: a worker thread does
// not inherit the loader its parent runs under (and Node 20 applies no --import hook in workers).
import { createRequire } from "node:module";
import { workerData } from "node:worker_threads";

const load = createRequire(import.meta.url);
load("tsx/cjs/api").register();
load(workerData.entry);
