"use client";
// Where a person sees that decisions are saved: pending count, a failure with its reason and a
// retry button (saves are also retried automatically), and the last action's confirmation.
import { pendingCount, type OutboxEntry } from "@/lib/labelling/outbox-state";

type Props = { entries: OutboxEntry<unknown>[]; message: string | null; onRetry: () => void; canUndo: boolean; onUndo: () => void };

export function SaveStatus({ entries, message, onRetry, canUndo, onUndo }: Props) {
  const pending = pendingCount(entries);
  const failed = entries.filter((entry) => entry.status === "failed");
  return (
    <div className="space-y-1 text-xs" aria-live="polite" data-testid="save-status">
      <div className="flex items-center gap-2">
        {failed.length > 0 ? (
          <span className="text-rose-300" data-testid="save-failed">
            {failed.length} decision{failed.length > 1 ? "s" : ""} not saved — retrying
          </span>
        ) : pending > 0 ? (
          <span className="text-amber-200">Saving {pending}…</span>
        ) : (
          <span className="text-emerald-300/80" data-testid="all-saved">
            All decisions saved
          </span>
        )}
        {failed.length > 0 && (
          <button type="button" onClick={onRetry} className="rounded bg-rose-600 px-2 py-0.5 text-white">
            Retry now
          </button>
        )}
        <button
          type="button"
          onClick={onUndo}
          disabled={!canUndo}
          className="ml-auto rounded bg-neutral-800 px-2 py-0.5 disabled:opacity-40"
          data-testid="undo"
        >
          Undo <kbd>z</kbd>
        </button>
      </div>
      {failed[0]?.error && <p className="text-rose-300/90">{failed[0].error}</p>}
      {message && (
        <p className="text-neutral-400" data-testid="last-action">
          {message}
        </p>
      )}
    </div>
  );
}
