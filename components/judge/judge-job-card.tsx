"use client";
// One judge job: live progress, rate and ETA, tokens and cost, its failed items, and the one
// action that fits its state (cancel a running job; resume an interrupted or stopped one).
import Link from "next/link";
import { useState, useTransition } from "react";
import { ProgressBar } from "@/components/import/progress-bar";
import { cancelJudgeJob } from "@/lib/actions/judge/cancel-judge-job";
import { resumeJudgeJob } from "@/lib/actions/judge/resume-judge-job";
import type { JudgeJobView } from "@/lib/judge/background";
import { BatchProgress } from "./batch-progress";
import { JudgeJobErrors } from "./judge-job-errors";

const STATE_STYLE: Record<JudgeJobView["state"], string> = {
  running: "bg-sky-500/15 text-sky-200",
  interrupted: "bg-amber-500/15 text-amber-200",
  done: "bg-emerald-500/15 text-emerald-200",
  cancelled: "bg-neutral-700 text-neutral-200",
  failed: "bg-rose-500/15 text-rose-200",
};

function describeFilter(filter: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof filter.candidateIds === "number") parts.push(`${filter.candidateIds} chosen from browse`);
  if (Array.isArray(filter.editTypes))
    parts.push(filter.editTypes.length === 1 ? String(filter.editTypes[0]) : `${filter.editTypes.length} edit types`);
  if (filter.onlyUnjudged) parts.push("only unjudged");
  if (typeof filter.limit === "number") parts.push(`limit ${filter.limit}`);
  return parts.length ? parts.join(" · ") : "all candidates";
}

function pace(job: JudgeJobView): string | null {
  // A batch run's items arrive in bursts when a batch finishes: a rate would mislead.
  if (!job.run || job.batch) return null;
  const minutes = (Date.now() - Date.parse(job.run.startedAt)) / 60_000;
  const finished = job.done + job.failed - job.run.doneAtStart;
  if (minutes <= 0 || finished <= 0) return null;
  const perMinute = finished / minutes;
  const left = job.total - job.done - job.failed;
  const eta = left / perMinute;
  return `${perMinute.toFixed(perMinute < 10 ? 1 : 0)} items/min · ${eta < 1 ? "under a minute" : `~${Math.ceil(eta)} min`} left`;
}

type Props = { datasetId: number; job: JudgeJobView; onChanged: (message?: string) => void };

export function JudgeJobCard({ datasetId, job, onChanged }: Props) {
  const [concurrency, setConcurrency] = useState(job.provider === "metrics" ? 2 : 4);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const finished = job.done + job.failed;
  const isStopped = job.state === "interrupted" || job.state === "cancelled" || job.state === "failed";
  const canResume = isStopped && finished < job.total;
  const canRetry = job.state !== "running" && job.failed > 0;

  const run = (work: () => Promise<{ ok: boolean; error?: string }>, message: string) =>
    startTransition(async () => {
      setError(null);
      const result = await work();
      if (!result.ok) setError(result.error ?? "failed");
      onChanged(result.ok ? message : undefined);
    });

  return (
    <article
      className="space-y-2 rounded-md border border-neutral-800 bg-neutral-900/50 p-3"
      data-testid="judge-job"
      data-job-id={job.id}
      data-state={job.state}
    >
      <header className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold">#{job.id}</span>
        <span className="truncate font-mono text-xs text-neutral-300" title={job.judgeId}>
          {job.judgeId}
        </span>
        {job.batch && <span className="rounded bg-violet-500/15 px-1.5 py-0.5 text-[11px] font-medium text-violet-200">Batch API</span>}
        <span className={`rounded px-1.5 py-0.5 text-[11px] font-medium ${STATE_STYLE[job.state]}`} data-testid="job-state">
          {job.state}
        </span>
        <span className="ml-auto text-xs text-neutral-500">{new Date(job.createdAt).toLocaleString()}</span>
      </header>
      <ProgressBar fraction={job.total ? finished / job.total : 1} label={`Judge job ${job.id} progress`} />
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-neutral-300">
        {job.total === 0 ? (
          <span data-testid="job-progress">nothing to judge: every matching candidate already had a judgement from this judge</span>
        ) : (
          <span data-testid="job-progress">
            {job.done} judged · {job.failed} failed · {job.total} total
          </span>
        )}
        {pace(job) && <span className="text-neutral-400">{pace(job)}</span>}
        <span className="text-neutral-400">
          {job.inputTokens.toLocaleString()} in / {job.outputTokens.toLocaleString()} out tokens ·{" "}
          {job.costUsd === 0 && job.inputTokens > 0 ? (
            <span title="lib/judge/pricing.ts has no price for this model">price unknown</span>
          ) : (
            `$${job.costUsd.toFixed(4)}`
          )}
        </span>
        <span className="text-neutral-500">{describeFilter(job.filter)}</span>
      </div>
      {job.batch && <BatchProgress job={job} isActive={job.state === "running"} />}
      {job.state === "interrupted" && (
        <p className="rounded bg-amber-500/10 px-2 py-1 text-xs text-amber-200">
          Interrupted: the server stopped while this job ran. The {finished} items it finished are kept; resume to judge the other{" "}
          {job.total - finished}
          {job.batch && job.batch.itemsInBatches > 0
            ? ` (${job.batch.itemsInBatches} of them wait in Gemini batches: resuming polls those, it does not send them again)`
            : ""}
          .
        </p>
      )}
      {job.error && <p className="rounded bg-rose-500/10 px-2 py-1 text-xs text-rose-200">{job.error}</p>}
      <div className="flex flex-wrap items-center gap-2">
        {job.state === "running" && (
          <button
            type="button"
            disabled={isPending}
            onClick={() => run(() => cancelJudgeJob({ datasetId, jobId: job.id }), `Job #${job.id} cancelled.`)}
            className="rounded border border-neutral-600 px-2 py-0.5 text-xs hover:bg-neutral-800"
          >
            Cancel
          </button>
        )}
        {(canResume || canRetry) && (
          <>
            <label className="flex items-center gap-1 text-xs text-neutral-400">
              at a time{" "}
              <input
                type="number"
                min={1}
                max={16}
                value={concurrency}
                onChange={(event) => setConcurrency(Number(event.target.value))}
                className="w-12 rounded border border-neutral-700 bg-neutral-900 px-1 text-xs"
                aria-label={`Concurrency for job ${job.id}`}
              />
            </label>
            {canResume && (
              <button
                type="button"
                disabled={isPending}
                onClick={() =>
                  run(() => resumeJudgeJob({ datasetId, jobId: job.id, concurrency, retryErrors: false }), `Job #${job.id} resumed.`)
                }
                className="rounded bg-amber-500 px-2 py-0.5 text-xs font-medium text-neutral-950"
              >
                Resume
              </button>
            )}
            {canRetry && (
              <button
                type="button"
                disabled={isPending}
                onClick={() =>
                  run(
                    () => resumeJudgeJob({ datasetId, jobId: job.id, concurrency, retryErrors: true }),
                    `Retrying the ${job.failed} failed items of job #${job.id}.`,
                  )
                }
                className="rounded border border-neutral-600 px-2 py-0.5 text-xs hover:bg-neutral-800"
              >
                Retry {job.failed} failed
              </button>
            )}
          </>
        )}
        {error && (
          <span className="text-xs text-rose-300" role="alert">
            {error}
          </span>
        )}
        {job.done > 0 && (
          <Link
            href={`/datasets/${datasetId}/audit?judge_id=${encodeURIComponent(job.judgeId)}`}
            className="ml-auto text-xs text-sky-300 hover:underline"
          >
            Audit this judge →
          </Link>
        )}
      </div>
      {job.failed > 0 && <JudgeJobErrors datasetId={datasetId} jobId={job.id} count={job.failed} isRunning={job.state === "running"} />}
    </article>
  );
}
