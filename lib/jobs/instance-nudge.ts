// This process's worker on globalThis, apart from instance.ts so that the job kinds (which nudge
// it after queueing) do not import the handler registry that imports them.
import type { Worker } from "./worker";

type InstanceState = { worker?: Worker; isShutdownInstalled?: boolean };

export function jobsInstance(): InstanceState {
  return ((globalThis as { __ripeJobs?: InstanceState }).__ripeJobs ??= {});
}

/** A job was just queued here: look for it now rather than at the next poll. */
export function nudgeWorker(): void {
  jobsInstance().worker?.nudge();
}
