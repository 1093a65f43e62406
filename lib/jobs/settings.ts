// The worker's timing, from the environment (lib/env.ts). A lease must outlast a few heartbeats:
// an instance that misses two in a row (a long GC pause, a stalled event loop on PGlite) keeps it.
import { env } from "../env";

export type WorkerSettings = {
  /** A lease lasts this long from the last heartbeat; then any instance may take the job over. */
  leaseMs: number;
  heartbeatMs: number;
  /** An idle instance looks for claimable jobs this often (a job started here is picked at once). */
  pollMs: number;
  /** Jobs this instance runs at once. */
  slots: number;
  /** SIGTERM: the most time given to in-flight work to save and release its leases. */
  shutdownTimeoutMs: number;
};

export function workerSettings(overrides: Partial<WorkerSettings> = {}): WorkerSettings {
  const settings = env();
  const leaseMs = overrides.leaseMs ?? settings.RIPE_JOB_LEASE_MS;
  const heartbeatMs = overrides.heartbeatMs ?? (settings.RIPE_JOB_HEARTBEAT_MS || Math.max(50, Math.floor(leaseMs / 3)));
  if (heartbeatMs >= leaseMs)
    throw new Error(
      `RIPE_JOB_HEARTBEAT_MS (${heartbeatMs}) must be shorter than RIPE_JOB_LEASE_MS (${leaseMs}), or leases expire while held.`,
    );
  return {
    leaseMs,
    heartbeatMs,
    pollMs: overrides.pollMs ?? settings.RIPE_JOB_POLL_MS,
    slots: Math.max(1, Math.floor(overrides.slots ?? settings.RIPE_JOB_SLOTS)),
    shutdownTimeoutMs: overrides.shutdownTimeoutMs ?? settings.RIPE_SHUTDOWN_TIMEOUT_MS,
  };
}
