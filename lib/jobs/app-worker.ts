// The app instance's side of lib/jobs: one worker per server process on the app's own database
// handle, plus SIGTERM handling, unless RIPE_WORKER=0.
import { getDb } from "../db/server";
import { env } from "../env";
import { installShutdown, startInstanceWorker } from "./instance";

export function startAppWorker(): void {
  if (!env().RIPE_WORKER) return;
  const worker = startInstanceWorker(getDb);
  installShutdown(worker);
  console.log(`[jobs] background-job worker ${worker.owner} started`);
}
