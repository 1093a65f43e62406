// The background-save queue as pure list transitions (the hook in components/outbox only adds
// timers, storage and the network): entries save one at a time in order, a failure holds the
// ones behind it and retries with backoff, and an entry can be taken back until it is sent.

export type OutboxStatus = "pending" | "saving" | "failed" | "saved";

export type OutboxEntry<I> = {
  clientId: string;
  input: I;
  status: OutboxStatus;
  attempts: number;
  error?: string;
  retryAt?: number;
  /** The id of the row the save created (review, label). */
  savedId?: number;
};

export const MAX_RETRY_DELAY_MS = 30_000;
/** Saved entries kept so an undo right after a save still finds the saved row's id. */
export const KEEP_SAVED = 30;

/** Unsaved entries restored after a reload: each is sent again at once. */
export function restoreEntries<I>(stored: readonly OutboxEntry<I>[]): OutboxEntry<I>[] {
  return stored.filter((entry) => entry.status !== "saved").map((entry) => ({ ...entry, status: "pending", retryAt: undefined }));
}

/** What survives in storage: everything not yet saved. */
export function entriesToStore<I>(entries: readonly OutboxEntry<I>[]): OutboxEntry<I>[] {
  return entries.filter((entry) => entry.status !== "saved");
}

/** The entry to send now: the first one waiting; a failed entry only once its backoff is over. */
export function nextToSend<I>(entries: readonly OutboxEntry<I>[], now: number): OutboxEntry<I> | undefined {
  return entries.find((entry) => entry.status === "pending" || (entry.status === "failed" && (entry.retryAt ?? 0) <= now));
}

/** A new entry goes last; saved entries beyond KEEP_SAVED are dropped, oldest first. */
export function appendEntry<I>(entries: readonly OutboxEntry<I>[], entry: OutboxEntry<I>): OutboxEntry<I>[] {
  return [
    ...entries.filter((item) => item.status !== "saved"),
    ...entries.filter((item) => item.status === "saved").slice(-KEEP_SAVED),
    entry,
  ];
}

export function patchEntry<I>(entries: readonly OutboxEntry<I>[], clientId: string, change: Partial<OutboxEntry<I>>): OutboxEntry<I>[] {
  return entries.map((entry) => (entry.clientId === clientId ? { ...entry, ...change } : entry));
}

export function markSaved<I>(entries: readonly OutboxEntry<I>[], clientId: string, savedId: number): OutboxEntry<I>[] {
  return patchEntry(entries, clientId, { status: "saved", savedId, error: undefined });
}

/** A failed save waits 2, 4, 8 … seconds (at most 30) before the next try. */
export function markFailed<I>(entries: readonly OutboxEntry<I>[], clientId: string, error: string, now: number): OutboxEntry<I>[] {
  return entries.map((entry) => {
    if (entry.clientId !== clientId) return entry;
    const attempts = entry.attempts + 1;
    return { ...entry, status: "failed", attempts, error, retryAt: now + Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** attempts) };
  });
}

/** Removes an entry the server has not seen; null when it is being sent or already saved. */
export function cancelEntry<I>(entries: readonly OutboxEntry<I>[], clientId: string): OutboxEntry<I>[] | null {
  const entry = entries.find((item) => item.clientId === clientId);
  if (!entry || entry.status === "saving" || entry.status === "saved") return null;
  return entries.filter((item) => item.clientId !== clientId);
}

/** "Retry now": every failed entry is due at once. */
export function retryFailedNow<I>(entries: readonly OutboxEntry<I>[]): OutboxEntry<I>[] {
  return entries.map((entry) => (entry.status === "failed" ? { ...entry, retryAt: 0 } : entry));
}

export function pendingCount(entries: readonly OutboxEntry<unknown>[]): number {
  return entries.filter((entry) => entry.status === "pending" || entry.status === "saving").length;
}
