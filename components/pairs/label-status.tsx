"use client";
// Save state of the background label queue (never blocking), the last action, and a recap of
// the previous pair — which is where its judge scores appear, after the choice was made.
import { pendingCount, type OutboxEntry } from "@/lib/labelling/outbox-state";

export type Recap = { pairId: number; choice: string; judgeLeft: number | null; judgeRight: number | null; judgeAgrees: boolean | null };

export function LabelStatus({
  entries,
  message,
  recap,
  onRetry,
}: {
  entries: OutboxEntry<unknown>[];
  message: string | null;
  recap: Recap | null;
  onRetry: () => void;
}) {
  const pending = pendingCount(entries);
  const failed = entries.filter((entry) => entry.status === "failed");
  return (
    <div className="space-y-1.5 text-xs" aria-live="polite">
      <div className="flex items-center gap-2" data-testid="label-save-status" data-pending={pending} data-failed={failed.length}>
        {failed.length > 0 ? (
          <>
            <span className="text-red-300">
              {failed.length} label{failed.length > 1 ? "s" : ""} not saved: {failed[0].error}
            </span>
            <button type="button" onClick={onRetry} className="rounded bg-red-500/20 px-2 py-0.5 text-red-100">
              Retry now
            </button>
          </>
        ) : pending > 0 ? (
          <span className="text-neutral-400">
            Saving {pending} label{pending > 1 ? "s" : ""}…
          </span>
        ) : (
          <span className="text-neutral-500">All labels saved</span>
        )}
      </div>
      {message && (
        <p className="text-neutral-300" data-testid="label-message">
          {message}
        </p>
      )}
      {recap && (
        <p className="text-neutral-500" data-testid="label-recap">
          Pair #{recap.pairId}: {recap.choice}
          {recap.judgeLeft !== null && recap.judgeRight !== null && (
            <>
              {" "}
              · judge left {recap.judgeLeft.toFixed(2)} / right {recap.judgeRight.toFixed(2)}
              {recap.judgeAgrees === null ? "" : recap.judgeAgrees ? " — agrees" : " — disagrees"}
            </>
          )}
        </p>
      )}
    </div>
  );
}
