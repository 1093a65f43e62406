import "server-only";
// Judge jobs started from the site run inside the Next server process, detached from the request
// that started them: the page polls their progress from the database (where the runner keeps
// counters), so a closed tab changes nothing. A restart stops them; their rows stay "running" or
// "queued" and the judge page offers to resume them (the runner never re-charges a stored item).
import type { DbHandle } from "../db/client";
import type { JudgeJob } from "../db/schema";
import { geminiSettings, DEFAULT_GEMINI_MODEL } from "./gemini";
import { createBatchClient } from "./gemini-batch";
import { createJudge, type JudgeProvider } from "./judges";
import { isJobRunningHere, resumeJob, runJob } from "./server";

type Run = { concurrency: number; startedAt: Date; doneAtStart: number; isActive: boolean; error: string | null };

// On globalThis: Next may load this module more than once in one process (dev reloads, bundles).
const runs: Map<number, Run> = ((globalThis as { __ripeJudgeBackground?: Map<number, Run> }).__ripeJudgeBackground ??= new Map());

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

export function isJobActive(jobId: number): boolean {
  return runs.get(jobId)?.isActive === true || isJobRunningHere(jobId);
}

/** Starts (or resumes) a job without waiting for it; at most one run per job in this process. */
export function startInBackground(
  db: DbHandle,
  job: JudgeJob,
  options: { concurrency: number; resume?: boolean; retryErrors?: boolean },
): void {
  if (isJobActive(job.id)) throw new JudgeStartError(`Judge job #${job.id} is already running.`);
  const run: Run = {
    concurrency: options.concurrency,
    startedAt: new Date(),
    doneAtStart: job.done + job.failed,
    isActive: true,
    error: null,
  };
  runs.set(job.id, run);
  const work = options.resume
    ? resumeJob(db, job.id, { concurrency: options.concurrency, retryErrors: options.retryErrors })
    : runJob(db, job.id, { concurrency: options.concurrency });
  work
    .catch((error: Error) => {
      // runJob has already marked the job failed with this message; keep it for the page too.
      run.error = error.message;
      console.error(`judge job #${job.id} stopped:`, error);
    })
    .finally(() => {
      run.isActive = false;
    });
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
  /** This process's run: when it started and how far the job was then, for a rate and an ETA. */
  run: { concurrency: number; startedAt: string; doneAtStart: number } | null;
};

export function jobView(job: JudgeJob): JudgeJobView {
  const run = runs.get(job.id);
  const isActive = isJobActive(job.id);
  // A "running"/"queued" row that no run of this process owns was cut off by a restart (or a crash).
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
    error: job.error ?? run?.error ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    run: run && isActive ? { concurrency: run.concurrency, startedAt: run.startedAt.toISOString(), doneAtStart: run.doneAtStart } : null,
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
