"use client";
// One uploaded file's import: live progress while queued or running (polled), then the summary,
// the line-numbered errors and warnings, and a link into the dataset.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, useTransition } from "react";
import { cancelImport } from "@/lib/actions/imports/cancel-import";
import type { ImportJobStatus } from "@/lib/import/upload-jobs";
import { importStatusQuery, isActivePhase } from "./import-queries";
import { formatBytes, formatCount, KIND_LABELS } from "./import-labels";
import { ImportMessages } from "./import-messages";
import { PhaseBadge } from "./phase-badge";
import { ProgressBar } from "./progress-bar";

export function ImportJobCard({ initialStatus, onSettled }: { initialStatus: ImportJobStatus; onSettled?: () => void }) {
  const query = useQuery({ ...importStatusQuery(initialStatus.id), initialData: initialStatus });
  const status = query.data;
  const isActive = isActivePhase(status.phase);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [isCancelling, startCancel] = useTransition();

  // Tell the page once, when the job leaves the active phases (it refreshes the recent-runs list).
  const wasActive = useRef(isActive);
  useEffect(() => {
    if (wasActive.current && !isActive) onSettled?.();
    wasActive.current = isActive;
  }, [isActive, onSettled]);

  const fraction =
    status.phase === "done" ? 1 : status.totalBytes > 0 && status.bytesRead > 0 ? status.bytesRead / status.totalBytes : null;
  const kinds = status.kinds.map((kind) => KIND_LABELS[kind] ?? kind).join(", ");

  return (
    <li className="rounded-lg border border-neutral-800 bg-neutral-900/60 p-4" data-testid="import-job" data-job-id={status.id}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-mono text-sm text-neutral-100">{status.file}</span>
        <span className="text-xs text-neutral-500">→ {status.datasetName}</span>
        {kinds && <span className="text-xs text-neutral-400">{kinds}</span>}
        {status.isStrict && <span className="rounded bg-neutral-800 px-1.5 text-xs text-neutral-400">strict</span>}
        <span className="ml-auto flex items-center gap-2">
          {status.runId !== null && <span className="text-xs text-neutral-500">run #{status.runId}</span>}
          <PhaseBadge phase={status.phase} />
        </span>
      </div>

      {isActive && (
        <div className="mt-3 space-y-2">
          <ProgressBar fraction={status.phase === "queued" ? 0 : fraction} label={`Import of ${status.file}`} />
          <p className="text-xs tabular-nums text-neutral-400" data-testid="import-progress">
            {status.phase === "queued"
              ? "Waiting for the imports before it (one at a time, in upload order)."
              : status.isStrict && status.bytesRead === 0
                ? "Strict: checking every line before writing anything…"
                : `${formatCount(status.linesRead)} lines read · ${formatCount(status.imported)} imported · ${formatCount(status.bad)} bad · ` +
                  `${formatBytes(status.bytesRead)} of ${formatBytes(status.totalBytes)}${fraction !== null ? ` (${Math.round(fraction * 100)}%)` : ""}`}
          </p>
          <div className="flex items-center gap-3">
            <button
              type="button"
              disabled={isCancelling}
              onClick={() =>
                startCancel(async () => {
                  const result = await cancelImport({ jobId: status.id });
                  setCancelError(result.ok ? null : result.error);
                  await query.refetch();
                })
              }
              className="rounded border border-neutral-700 px-2 py-1 text-xs text-neutral-300 hover:bg-neutral-800 disabled:opacity-50"
            >
              {status.phase === "queued" ? "Remove from queue" : "Stop after this batch"}
            </button>
            {status.message && <span className="text-xs text-neutral-400">{status.message}</span>}
            {cancelError && <span className="text-xs text-red-400">{cancelError}</span>}
          </div>
        </div>
      )}

      {!isActive && (
        <div className="mt-3 space-y-3">
          {status.runId !== null && (
            <p className="text-sm tabular-nums text-neutral-300" data-testid="import-summary">
              {formatCount(status.linesRead)} lines: <strong className="text-emerald-300">{formatCount(status.imported)} imported</strong>
              {Object.keys(status.byKind).length > 1 &&
                ` (${Object.entries(status.byKind)
                  .map(([kind, count]) => `${KIND_LABELS[kind] ?? kind} ${formatCount(count)}`)
                  .join(", ")})`}
              , {formatCount(status.unchanged)} already there,{" "}
              <span className={status.bad > 0 ? "text-red-300" : ""}>{formatCount(status.bad)} bad</span>
              {status.phase === "rejected" && " — strict mode: nothing was imported. Fix the lines below or untick strict."}
              {status.phase === "cancelled" && " — stopped; the batches committed before stay, re-import to continue."}
            </p>
          )}
          {status.message && <p className="text-sm text-orange-300">{status.message}</p>}
          <ImportMessages errors={status.errors} warnings={status.warnings} badLines={status.bad} />
          <Link
            href={`/datasets/${status.datasetId}`}
            className="inline-block rounded-md bg-neutral-800 px-3 py-1.5 text-sm hover:bg-neutral-700"
          >
            Browse {status.datasetName}
          </Link>
        </div>
      )}
      {query.isError && <p className="mt-2 text-xs text-red-400">Lost track of this import: {query.error.message}</p>}
    </li>
  );
}
