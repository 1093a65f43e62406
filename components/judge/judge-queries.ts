"use client";
// Server state of judge jobs for TanStack Query: one options factory per read, polled while a
// job of this server is running.
import { queryOptions } from "@tanstack/react-query";
import type { JobErrorRow } from "@/lib/judge/types";
import type { JudgeJobView } from "@/lib/judge/background";

const POLL_MS = 1000;

async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok)
    throw new Error(
      ((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? `The server answered ${response.status}.`,
    );
  return (await response.json()) as T;
}

export function judgeJobsQuery(datasetId: number) {
  return queryOptions({
    queryKey: ["judge-jobs", datasetId],
    queryFn: async ({ signal }) =>
      readJson<{ jobs: JudgeJobView[] }>(await fetch(`/api/datasets/${datasetId}/judge-jobs`, { signal, cache: "no-store" })),
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.jobs.some((job) => job.state === "running") ? POLL_MS : false),
  });
}

export function judgeJobErrorsQuery(datasetId: number, jobId: number, isRunning: boolean) {
  return queryOptions({
    queryKey: ["judge-jobs", datasetId, jobId, "errors"],
    queryFn: async ({ signal }) =>
      readJson<{ errors: JobErrorRow[]; errorCount: number }>(
        await fetch(`/api/datasets/${datasetId}/judge-jobs/${jobId}`, { signal, cache: "no-store" }),
      ),
    staleTime: 0,
    refetchInterval: isRunning ? 3 * POLL_MS : false,
  });
}
