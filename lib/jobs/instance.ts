// The one worker of this process (an app instance or `npm run worker`), and SIGTERM. Kept on
// globalThis: Next compiles instrumentation.ts, actions and routes as separate entries, so module
// state is not shared between them, but the process is.
//
// DESIGN, shutdown: the first SIGTERM (or SIGINT) stops claiming, aborts running jobs so they save
// what is in flight (a judge answer that arrived is stored; an import stops after its batch) and
// releases their leases, so another instance takes them over at once instead of after expiry.
// Next's own handler runs at the same time (it stops accepting connections and lets in-flight
// requests, decision saves among them, finish); its exit waits until the jobs have drained. A
// second signal exits at once.
import type { DbHandle } from "../db/client";
import { runImportJob } from "./import-job";
import { runJudgeJob } from "./judge-job";
import { runRubricJob } from "./rubric-job";
import { enqueueMissingSearchBuilds, runSearchJob } from "./search-job";
import { jobsInstance } from "./instance-nudge";
import type { WorkerSettings } from "./settings";
import { createWorker, type JobHandlers, type Worker } from "./worker";

export { nudgeWorker } from "./instance-nudge";

export const JOB_HANDLERS: JobHandlers = { judge: runJudgeJob, import: runImportJob, rubric: runRubricJob, search: runSearchJob };

const instance = jobsInstance();

/** Starts this process's worker once; later calls return the same one. */
export function startInstanceWorker(db: () => Promise<DbHandle>, settings: Partial<WorkerSettings> = {}): Worker {
  if (!instance.worker) {
    instance.worker = createWorker({ db, handlers: JOB_HANDLERS, settings });
    instance.worker.start();
    // Search builds a bulk import queued, or should have (it died first), run on whichever instance is up.
    void db()
      .then(enqueueMissingSearchBuilds)
      .catch((error: Error) => console.error(`[jobs] could not queue search-index builds: ${error.message}`));
  }
  return instance.worker;
}

export function instanceWorker(): Worker | undefined {
  return instance.worker;
}

/** Installs the SIGTERM/SIGINT handling described above, once per process. */
export function installShutdown(worker: Worker, log: (message: string) => void = console.log): void {
  if (instance.isShutdownInstalled) return;
  instance.isShutdownInstalled = true;
  let drained: Promise<void> | null = null;
  const exit = process.exit.bind(process);
  const exitCode = (signal: NodeJS.Signals) => (signal === "SIGINT" ? 130 : 143);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const others = process.listeners(signal); // Next's cleanup (closes the server, then exits)
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (drained) {
        log(`${signal} again: exiting now`);
        exit(exitCode(signal));
      }
      log(`${signal}: no new jobs; saving in-flight work and releasing leases`);
      drained = worker.stop().then(() => log("background jobs stopped and leases released"));
      // Next's handler calls process.exit when its server has closed: hold that until the jobs drained.
      process.exit = ((code?: number) => void drained!.finally(() => exit(code))) as typeof process.exit;
      if (others.length) for (const listener of others) (listener as (signal: NodeJS.Signals) => void)(signal);
      else void drained.finally(() => exit(exitCode(signal)));
    });
  }
}
