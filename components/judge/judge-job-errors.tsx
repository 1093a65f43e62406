"use client";
// A job's failed items, fetched when opened: the error, the judge's raw answer (a malformed or
// refused reply is kept verbatim), and a link to the item.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { judgeJobErrorsQuery } from "./judge-queries";

type Props = { datasetId: number; jobId: number; count: number; isRunning: boolean };

export function JudgeJobErrors({ datasetId, jobId, count, isRunning }: Props) {
  const [isOpen, setIsOpen] = useState(false);
  const errors = useQuery({ ...judgeJobErrorsQuery(datasetId, jobId, isRunning), enabled: isOpen });
  return (
    <details onToggle={(event) => setIsOpen(event.currentTarget.open)} className="text-xs">
      <summary className="cursor-pointer text-rose-300">
        {count} failed item{count === 1 ? "" : "s"}: errors and raw answers
      </summary>
      {errors.isPending && <p className="mt-1 text-neutral-500">Loading…</p>}
      {errors.error && <p className="mt-1 text-rose-300">{errors.error.message}</p>}
      {errors.data && (
        <ul className="mt-1 space-y-1.5" data-testid="job-errors">
          {errors.data.errors.map((row) => (
            <li key={row.candidateId} className="rounded border border-neutral-800 p-2">
              <div className="flex gap-2">
                <Link href={`/datasets/${datasetId}/items/${row.candidateId}`} className="shrink-0 text-sky-300 underline">
                  item {row.candidateId}
                </Link>
                <span className="text-rose-200">{row.error}</span>
              </div>
              {row.raw && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-neutral-400">raw answer</summary>
                  <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap text-[11px] text-neutral-400">{row.raw}</pre>
                </details>
              )}
            </li>
          ))}
          {errors.data.errorCount > errors.data.errors.length && (
            <li className="text-neutral-500">… and {errors.data.errorCount - errors.data.errors.length} more (the newest are shown).</li>
          )}
        </ul>
      )}
    </details>
  );
}
