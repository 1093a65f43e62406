"use client";
// The judge page's client side: the run form next to the job list, which polls while a job runs.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { JudgeTypeOption } from "@/lib/judge/types";
import type { GeminiStatus, JudgeJobView } from "@/lib/judge/background";
import { JudgeJobCard } from "./judge-job-card";
import { judgeJobsQuery } from "./judge-queries";
import { JudgeRunForm, type BrowseSelection } from "./judge-run-form";

type Props = { datasetId: number; types: JudgeTypeOption[]; gemini: GeminiStatus; browse: BrowseSelection; initialJobs: JudgeJobView[] };

export function JudgeWorkspace({ datasetId, types, gemini, browse, initialJobs }: Props) {
  const queryClient = useQueryClient();
  const jobs = useQuery({ ...judgeJobsQuery(datasetId), initialData: { jobs: initialJobs } });
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = (message?: string) => {
    if (message) setNotice(message);
    void queryClient.invalidateQueries({ queryKey: ["judge-jobs", datasetId] });
  };
  const list = jobs.data.jobs;
  const interrupted = list.filter((job) => job.state === "interrupted").length;

  return (
    <div className="grid gap-4 px-4 py-4 lg:grid-cols-[minmax(22rem,28rem)_minmax(0,1fr)]">
      <JudgeRunForm datasetId={datasetId} types={types} gemini={gemini} browse={browse} onStarted={refresh} />
      <section className="space-y-3" aria-label="Judge jobs">
        <div className="flex items-baseline gap-3">
          <h2 className="text-sm font-semibold">Runs</h2>
          {jobs.isFetching && <span className="text-xs text-neutral-500">updating…</span>}
          {jobs.error && <span className="text-xs text-rose-300">{jobs.error.message}</span>}
        </div>
        {notice && (
          <p className="rounded bg-sky-500/10 px-2 py-1 text-sm text-sky-100" role="status" data-testid="judge-notice">
            {notice}
          </p>
        )}
        {interrupted > 0 && (
          <p className="rounded bg-amber-500/10 px-2 py-1 text-sm text-amber-200">
            {interrupted} run{interrupted === 1 ? " was" : "s were"} interrupted by a server restart. Resume below: finished items are kept
            and never paid for twice.
          </p>
        )}
        {list.length === 0 ? (
          <p className="rounded-md border border-dashed border-neutral-700 p-4 text-sm text-neutral-400">
            No judge runs yet. Start one on the left; progress shows here and continues if you close the tab.
          </p>
        ) : (
          list.map((job) => <JudgeJobCard key={job.id} datasetId={datasetId} job={job} onChanged={refresh} />)
        )}
      </section>
    </div>
  );
}
