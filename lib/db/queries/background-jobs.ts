import "server-only";
// The lease protocol of background jobs (lib/jobs/worker.ts). Every transition is one statement
// that names the lease token it expects, so an instance that lost its lease (expired while it
// stalled, taken over by another) changes nothing: its heartbeat, progress and finish all match
// no row, and it stops.
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";
import { BACKGROUND_JOB_KINDS, BACKGROUND_JOB_STATUSES, type BackgroundJob, type BackgroundJobKind } from "../schema-jobs";

type Runner = Pick<SqlRunner, "query">;

const jsonObject = z.preprocess((value) => (typeof value === "string" ? JSON.parse(value) : value), z.record(z.string(), z.unknown()));
const nullableDate = z.coerce.date().nullable();

const jobRow = z
  .object({
    id: col.int,
    kind: z.enum(BACKGROUND_JOB_KINDS),
    dataset_id: col.nullableInt,
    payload: jsonObject,
    status: z.enum(BACKGROUND_JOB_STATUSES),
    lease_owner: col.nullableText,
    lease_token: col.nullableText,
    lease_expires_at: nullableDate,
    heartbeat_at: nullableDate,
    is_cancel_requested: col.bool,
    attempts: col.int,
    progress: jsonObject,
    result: jsonObject.nullable(),
    error: col.nullableText,
    created_at: col.date,
    claimed_at: nullableDate,
    finished_at: nullableDate,
  })
  .transform((row): BackgroundJob => ({
    id: row.id,
    kind: row.kind,
    datasetId: row.dataset_id,
    payload: row.payload,
    status: row.status,
    leaseOwner: row.lease_owner,
    leaseToken: row.lease_token,
    leaseExpiresAt: row.lease_expires_at,
    heartbeatAt: row.heartbeat_at,
    isCancelRequested: row.is_cancel_requested,
    attempts: row.attempts,
    progress: row.progress,
    result: row.result,
    error: row.error,
    createdAt: row.created_at,
    claimedAt: row.claimed_at,
    finishedAt: row.finished_at,
  }));

export async function enqueueBackgroundJob(
  db: Runner,
  input: { kind: BackgroundJobKind; datasetId: number | null; payload: Record<string, unknown>; progress?: Record<string, unknown> },
): Promise<BackgroundJob> {
  return queryOne(
    db,
    jobRow,
    "INSERT INTO background_jobs (kind, dataset_id, payload, progress) VALUES ($1, $2, $3::jsonb, $4::jsonb) RETURNING *",
    [input.kind, input.datasetId, JSON.stringify(input.payload), JSON.stringify(input.progress ?? {})],
  );
}

/**
 * Claims the oldest job that is queued or whose lease has expired (a dead or stalled instance's),
 * with a fresh token and a lease of `leaseMs`. SKIP LOCKED: two instances claiming at once never
 * wait on each other and never get the same row. Null when there is nothing to do. With `jobId`,
 * only that job (the judge CLI works the run it queued, and no other).
 */
export async function claimBackgroundJob(
  db: Runner,
  input: { owner: string; token: string; leaseMs: number; kinds: readonly BackgroundJobKind[]; jobId?: number },
): Promise<BackgroundJob | null> {
  const [job] = await queryRows(
    db,
    jobRow,
    `UPDATE background_jobs SET status = 'running', lease_owner = $1, lease_token = $2,
       lease_expires_at = now() + $3::int * interval '1 millisecond', heartbeat_at = now(), claimed_at = now(),
       attempts = attempts + 1
     WHERE id = (
       SELECT id FROM background_jobs
       WHERE kind = ANY($4::text[]) AND (status = 'queued' OR (status = 'running' AND lease_expires_at < now()))
         AND ($5::int IS NULL OR id = $5::int)
       ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [input.owner, input.token, Math.round(input.leaseMs), [...input.kinds], input.jobId ?? null],
  );
  return job ?? null;
}

export type LeaseState = { isHeld: boolean; isCancelRequested: boolean };

/** The heartbeat: extends the lease if this token still holds it. */
export async function renewLease(db: Runner, jobId: number, token: string, leaseMs: number): Promise<LeaseState> {
  const [row] = await queryRows(
    db,
    z.object({ is_cancel_requested: col.bool }),
    `UPDATE background_jobs SET lease_expires_at = now() + $3::int * interval '1 millisecond', heartbeat_at = now()
     WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING is_cancel_requested`,
    [jobId, token, Math.round(leaseMs)],
  );
  return { isHeld: row !== undefined, isCancelRequested: row?.is_cancel_requested ?? false };
}

/** Gives the job back (SIGTERM): queued again at once, so another instance takes it without waiting for expiry. */
export async function releaseLease(db: Runner, jobId: number, token: string): Promise<boolean> {
  const rows = await queryRows(
    db,
    z.object({ id: col.int }),
    `UPDATE background_jobs SET status = 'queued', lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
     WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING id`,
    [jobId, token],
  );
  return rows.length > 0;
}

export async function reportProgress(db: Runner, jobId: number, token: string, progress: Record<string, unknown>): Promise<boolean> {
  const rows = await queryRows(
    db,
    z.object({ id: col.int }),
    "UPDATE background_jobs SET progress = progress || $3::jsonb WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING id",
    [jobId, token, JSON.stringify(progress)],
  );
  return rows.length > 0;
}

export async function finishBackgroundJob(
  db: Runner,
  jobId: number,
  token: string,
  outcome: { status: "done" | "failed" | "cancelled"; result?: Record<string, unknown> | null; error?: string | null },
): Promise<boolean> {
  const rows = await queryRows(
    db,
    z.object({ id: col.int }),
    `UPDATE background_jobs SET status = $3, result = $4::jsonb, error = $5, finished_at = now(),
       lease_owner = NULL, lease_token = NULL, lease_expires_at = NULL
     WHERE id = $1 AND lease_token = $2 AND status = 'running' RETURNING id`,
    [jobId, token, outcome.status, outcome.result === undefined ? null : JSON.stringify(outcome.result), outcome.error ?? null],
  );
  return rows.length > 0;
}

/** Cancels a queued job at once; a running one is told at its holder's next heartbeat. */
export async function requestCancel(db: Runner, jobId: number): Promise<BackgroundJob | null> {
  const [job] = await queryRows(
    db,
    jobRow,
    `UPDATE background_jobs SET is_cancel_requested = true,
       status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE status END,
       finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END
     WHERE id = $1 RETURNING *`,
    [jobId],
  );
  return job ?? null;
}

export async function getBackgroundJob(db: Runner, jobId: number): Promise<BackgroundJob | null> {
  const [job] = await queryRows(db, jobRow, "SELECT * FROM background_jobs WHERE id = $1", [jobId]);
  return job ?? null;
}

/** The newest job of a kind whose payload names `ref` (e.g. a judge job id), for status pages. */
export async function latestJobsFor(db: Runner, kind: BackgroundJobKind, refKey: string, refs: number[]): Promise<BackgroundJob[]> {
  if (refs.length === 0) return [];
  return queryRows(
    db,
    jobRow,
    `SELECT DISTINCT ON ((payload->>$2)::int) * FROM background_jobs
     WHERE kind = $1 AND (payload->>$2)::int = ANY($3::int[]) ORDER BY (payload->>$2)::int, id DESC`,
    [kind, refKey, refs],
  );
}

/** Whether a job of this kind for `ref` is queued or running anywhere (an unexpired lease, or waiting for one). */
export async function hasLiveJob(db: Runner, kind: BackgroundJobKind, refKey: string, ref: number): Promise<boolean> {
  const [row] = await queryRows(
    db,
    z.object({ n: col.int }),
    `SELECT count(*)::int AS n FROM background_jobs
     WHERE kind = $1 AND (payload->>$2)::int = $3 AND status IN ('queued', 'running')`,
    [kind, refKey, ref],
  );
  return (row?.n ?? 0) > 0;
}

/** PGlite only (one process owns the database): leases of the process before this one are dead now. */
export async function expireLeasesOfDeadProcess(db: Runner): Promise<void> {
  await db.query("UPDATE background_jobs SET lease_expires_at = now() WHERE status = 'running'");
}

/** The import job whose current run is `runId` (the runs list links to it). */
export async function importJobForRun(db: Runner, runId: number): Promise<BackgroundJob | null> {
  const [job] = await queryRows(
    db,
    jobRow,
    "SELECT * FROM background_jobs WHERE kind = 'import' AND (progress->>'runId')::int = $1 ORDER BY id DESC LIMIT 1",
    [runId],
  );
  return job ?? null;
}

/** Import runs that a queued or running import job is working on (on any instance). */
export async function liveImportRunIds(db: Runner): Promise<number[]> {
  const rows = await queryRows(
    db,
    z.object({ run_id: col.int }),
    `SELECT (progress->>'runId')::int AS run_id FROM background_jobs
     WHERE kind = 'import' AND status IN ('queued', 'running') AND progress ? 'runId'`,
  );
  return rows.map((row) => row.run_id);
}
