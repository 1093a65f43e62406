// Runs once when a server process starts (Next calls register() before it serves a request):
// starts this instance's background-job worker and the SIGTERM handling (lib/jobs/instance.ts).
// Not during `next build`, and not in the edge runtime (no database there). RIPE_WORKER=0 makes an
// instance that only serves pages while others (or `npm run worker`) run the jobs.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startAppWorker } = await import("./lib/jobs/app-worker");
  startAppWorker();
}
