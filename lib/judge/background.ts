import "server-only";
// Judge jobs started from the site run as leased background jobs (lib/jobs): any instance's worker
// claims them, detached from the request that started them; the page polls progress from the
// database (where the runner keeps counters), so a closed tab or a restarted instance changes
// nothing: another instance takes the job over when its lease expires (or at once after a
// SIGTERM), and the runner never re-charges a stored item.
import type { DbHandle } from "../db/client";
import { hasLiveJob, latestJobsFor } from "../db/queries/background-jobs";
import type { BackgroundJob, JudgeJob } from "../db/schema";
import { nudgeWorker } from "../jobs/instance-nudge";
import { enqueueJudgeRun, JudgeAlreadyQueuedError, judgePayload } from "../jobs/judge-job";
import { geminiSettings, DEFAULT_GEMINI_MODEL } from "./gemini";
import { createBatchClient } from "./gemini-batch";
import { createJudge, type JudgeProvider } from "./judges";

export class JudgeStartError extends Error {}

/** Builds the judge once up front, so missing credentials are an error now, not N failed items. */
export function checkJudgeConfigured(provider: JudgeProvider, model?: string, mayBatch = false): void {
  try {
    createJudge(provider, model);
    if (mayBatch && provider === "gemini") createBatchClient(model ? { model } : {});
  } catch (error) {
    throw new JudgeStartError((error as Error).message);
  }
}

/** Whether some instance runs the job, or it waits for one to claim it. */
export function isJobActive(db: DbHandle, jobId: number): Promise<boolean> {
  return hasLiveJob(db, "judge", "judgeJobId", jobId);
}

/** Queues (or re-queues, to resume) a judge job for the first free instance; this one is nudged. */
export async function startInBackground(
  db: DbHandle,
  job: JudgeJob,
  options: { concurrency: number; retryErrors?: boolean },
): Promise<void> {
  try {
    await enqueueJudgeRun(db, job.datasetId, { judgeJobId: job.id, concurrency: options.concurrency, retryErrors: options.retryErrors });
  } catch (error) {
    if (error instanceof JudgeAlreadyQueuedError) throw new JudgeStartError(error.message);
    throw error;
  }
  nudgeWorker();
}

export type JobState = "running" | "interrupted" | "done" | "cancelled" | "failed";

export type JudgeJobView = {
  id: number;
  provider: string;
  model: string | null;
  judgeId: string;
  filter: Record<string, unknown>;
  state: JobState;
  total: number;
  done: number;
  failed: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** "interactive" or "batch" (Gemini Batch API at the batch price). */
  mode: string;
  /** The same tokens at the interactive price; minus costUsd, the saving of a batch run. */
  standardCostUsd: number;
  /** Batch runs: what the runner does (submitting, submitted, running, collecting, retrying, done) and its batches by state. */
  batch: { phase: string; batches: Record<string, number>; itemsInBatches: number } | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** The current run (on whichever instance): when it started and how far the job was then, for a rate and an ETA. */
  run: { concurrency: number; startedAt: string; doneAtStart: number } | null;
};

/** The judge jobs with the state of their newest background job (one query for all). */
export async function jobViews(db: DbHandle, jobs: JudgeJob[]): Promise<JudgeJobView[]> {
  const leased = await latestJobsFor(
    db,
    "judge",
    "judgeJobId",
    jobs.map((job) => job.id),
  );
  const byJudgeJob = new Map(leased.map((background) => [Number(background.payload.judgeJobId), background]));
  return jobs.map((job) => jobView(job, byJudgeJob.get(job.id)));
}

export function jobView(job: JudgeJob, background?: BackgroundJob): JudgeJobView {
  const isActive = background?.status === "queued" || background?.status === "running";
  const payload = background ? judgePayload.safeParse(background.payload) : null;
  const doneAtStart = Number(background?.progress.doneAtStart ?? NaN);
  const run =
    isActive && background?.claimedAt && payload?.success && Number.isFinite(doneAtStart)
      ? { concurrency: payload.data.concurrency, startedAt: background.claimedAt.toISOString(), doneAtStart }
      : null;
  // A "running"/"queued" row that no instance runs or waits to run was cut off (a run from before
  // leased jobs, or one whose background job failed). A killed CLI run is not: its leased job is
  // still live and an app instance or worker takes it over once the lease expires.
  const state: JobState = isActive
    ? "running"
    : job.status === "running" || job.status === "queued"
      ? "interrupted"
      : (job.status as JobState);
  return {
    id: job.id,
    provider: job.provider,
    model: job.model,
    judgeId: job.judgeId,
    filter: job.filter,
    state,
    total: job.total,
    done: job.done,
    failed: job.failed,
    inputTokens: job.inputTokens,
    outputTokens: job.outputTokens,
    costUsd: job.costUsd,
    mode: job.mode,
    standardCostUsd: job.standardCostUsd,
    batch:
      job.mode === "batch"
        ? (job.batchStatus ?? { phase: job.status === "done" ? "done" : "submitting", batches: {}, itemsInBatches: 0 })
        : null,
    error: job.error ?? background?.error ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    run,
  };
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString().replace(/\/$/, "");
}

export type GeminiStatus = {
  isConfigured: boolean;
  defaultModel: string;
  endpoint: string | null;
  problem: string | null;
  /** RIPE_JUDGE_BATCH_ABOVE: the form's default threshold for batching a run. */
  batchAbove: number | null;
  /** Why batch runs are unavailable (Vertex AI has no file batches), if they are. */
  batchProblem: string | null;
};

function batchAboveDefault(): number | null {
  const value = Number(process.env.RIPE_JUDGE_BATCH_ABOVE);
  return Number.isInteger(value) && value > 0 ? value : null;
}

/** What the page may know about Gemini: whether it is set up and where it points; never the key. */
export function geminiStatus(): GeminiStatus {
  try {
    const settings = geminiSettings();
    let batchProblem: string | null = null;
    try {
      createBatchClient();
    } catch (error) {
      batchProblem = (error as Error).message;
    }
    const endpoint = settings.baseUrl ? withoutCredentials(settings.baseUrl) : settings.vertex ? "Vertex AI" : null;
    return { isConfigured: true, defaultModel: settings.model, endpoint, problem: null, batchAbove: batchAboveDefault(), batchProblem };
  } catch (error) {
    const problem = (error as Error).message;
    return {
      isConfigured: false,
      defaultModel: process.env.GEMINI_MODEL || DEFAULT_GEMINI_MODEL,
      endpoint: null,
      problem,
      batchAbove: batchAboveDefault(),
      batchProblem: problem,
    };
  }
}
