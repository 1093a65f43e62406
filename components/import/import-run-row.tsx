"use client";
// One past or running import: counts at a glance; expanding fetches its messages. A running row
// polls so its counts move without reloading the page.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ImportRunSummary } from "@/lib/import/types";
import type { JobPhase } from "@/lib/import/upload-jobs";
import { importStatusQuery } from "./import-queries";
import { formatCount, KIND_LABELS } from "./import-labels";
import { ImportMessages } from "./import-messages";
import { PhaseBadge } from "./phase-badge";

const formatTime = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

function formatDuration(startIso: string, endIso: string | null): string {
  if (!endIso) return "";
  const seconds = Math.max(0, Math.round((Date.parse(endIso) - Date.parse(startIso)) / 1000));
  return ` · took ${seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`}`;
}

export function ImportRunRow({ run, isLive }: { run: ImportRunSummary; isLive: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  const hasMessages = run.errorCount + run.warningCount > 0 || run.linesBad > 0;
  const query = useQuery({ ...importStatusQuery(String(run.id)), enabled: isOpen || isLive });
  const live = query.data;
  const phase: JobPhase = live?.phase ?? (run.status === "running" && !isLive ? "interrupted" : (run.status as JobPhase));
  const counts = live
    ? { total: live.linesRead, imported: live.imported, unchanged: live.unchanged, bad: live.bad }
    : { total: run.linesTotal, imported: run.linesImported, unchanged: run.linesUnchanged, bad: run.linesBad };
  const kinds = (run.kind ?? "")
    .split(",")
    .filter(Boolean)
    .map((kind) => KIND_LABELS[kind] ?? kind)
    .join(", ");

  return (
    <li className="border-b border-neutral-800/70 last:border-0" data-testid="import-run" data-run-id={run.id}>
      <div className="grid grid-cols-[minmax(0,1.7fr)_minmax(0,1fr)_8.5rem_minmax(0,2.8fr)_9rem] items-center gap-3 px-3 py-2 text-sm">
        <div className="min-w-0">
          <div className="truncate font-mono text-neutral-200" title={run.file}>
            {run.file}
          </div>
          <div className="text-xs text-neutral-500">
            #{run.id}
            {kinds ? ` · ${kinds}` : ""}
            {run.isStrict ? " · strict" : ""}
          </div>
        </div>
        <Link href={`/datasets/${run.datasetId}`} className="truncate text-neutral-300 hover:text-amber-300">
          {run.datasetName}
        </Link>
        <div>
          <PhaseBadge phase={phase} />
        </div>
        <div className="text-xs tabular-nums text-neutral-400">
          {formatCount(counts.total)} lines · <span className="text-neutral-200">{formatCount(counts.imported)}</span> imported ·{" "}
          {formatCount(counts.unchanged)} already there ·{" "}
          <span className={counts.bad > 0 ? "text-red-300" : ""}>{formatCount(counts.bad)} bad</span>
          <div className="text-neutral-500">
            {/* Server and browser may sit in different time zones: the browser's rendering wins. */}
            <time dateTime={run.startedAt} suppressHydrationWarning>
              {formatTime(run.startedAt)}
            </time>
            {formatDuration(run.startedAt, live?.finishedAt ?? run.finishedAt)}
          </div>
        </div>
        {hasMessages || phase === "interrupted" ? (
          <button
            type="button"
            onClick={() => setIsOpen(!isOpen)}
            aria-expanded={isOpen}
            className="justify-self-end rounded px-2 py-1 text-xs text-neutral-300 hover:bg-neutral-800"
            data-testid="import-run-toggle"
          >
            {isOpen
              ? "Hide"
              : `Details${run.errorCount ? ` (${formatCount(run.errorCount)} errors)` : run.warningCount ? ` (${formatCount(run.warningCount)} warnings)` : ""}`}
          </button>
        ) : (
          <span />
        )}
      </div>
      {isOpen && (
        <div className="px-3 pb-3">
          {query.isPending && <p className="text-xs text-neutral-500">Loading…</p>}
          {query.isError && <p className="text-xs text-red-400">{query.error.message}</p>}
          {live?.message && <p className="mb-2 text-xs text-orange-300">{live.message}</p>}
          {live && <ImportMessages errors={live.errors} warnings={live.warnings} badLines={live.bad} />}
        </div>
      )}
    </li>
  );
}
