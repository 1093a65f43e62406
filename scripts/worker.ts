// npm run worker: a process that only runs background jobs (judge runs, imports from the site,
// rubric changes), the same worker loop every app instance runs (lib/jobs). For deployments that
// keep page-serving instances (RIPE_WORKER=0) apart from workers, and for the many-instances tests.
// PostgreSQL only in practice: on PGlite the app instance holds the data folder and runs the jobs.
import { openForCli } from "../lib/cli/open";
import { EnvError, parseEnv } from "../lib/env";
import { installShutdown, startInstanceWorker } from "../lib/jobs/instance";

try {
  parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const handle = await openForCli("background-job worker");
console.log(`worker: database ${handle.describe}; pid ${process.pid}`);
const worker = startInstanceWorker(async () => handle);
installShutdown(worker);
console.log(`worker ${worker.owner} started`);
