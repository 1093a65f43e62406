"use client";
// Background saves for decisions and pair labels: the screen moves on at once, saves run one at a
// time in order (a quick accept-then-reject lands in that order), a failed save is kept, shown and
// retried with backoff, and unsaved entries survive a reload (localStorage).
import { useCallback, useEffect, useRef, useState } from "react";

export type OutboxEntry<I> = {
  clientId: string;
  input: I;
  status: "pending" | "saving" | "failed" | "saved";
  attempts: number;
  error?: string;
  retryAt?: number;
  /** The id of the row the save created (review, label). */
  savedId?: number;
};

type SendResult<R> = { ok: true; data: R } | { ok: false; error: string };

export type OutboxOptions<I, R> = {
  storageKey: string;
  send: (input: I) => Promise<SendResult<R>>;
  savedIdOf: (data: R) => number;
  onSaved?: (entry: OutboxEntry<I>, data: R) => void;
};

const MAX_DELAY_MS = 30_000;
const KEEP_SAVED = 30;

function load<I>(storageKey: string): OutboxEntry<I>[] {
  try {
    const entries = JSON.parse(window.localStorage.getItem(storageKey) ?? "[]") as OutboxEntry<I>[];
    return entries
      .filter((entry) => entry.status !== "saved")
      .map((entry) => ({ ...entry, status: "pending" as const, retryAt: undefined }));
  } catch {
    return [];
  }
}

export function useOutbox<I, R>({ storageKey, send, savedIdOf, onSaved }: OutboxOptions<I, R>) {
  const [entries, setEntries] = useState<OutboxEntry<I>[]>([]);
  const entriesRef = useRef(entries);
  const isRunning = useRef(false);
  const callbacks = useRef({ send, savedIdOf, onSaved });
  useEffect(() => {
    callbacks.current = { send, savedIdOf, onSaved };
  });
  const update = useCallback(
    (next: (current: OutboxEntry<I>[]) => OutboxEntry<I>[]) => {
      entriesRef.current = next(entriesRef.current);
      setEntries(entriesRef.current);
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(entriesRef.current.filter((entry) => entry.status !== "saved")));
      } catch {
        /* storage full or disabled: the in-memory queue still retries */
      }
    },
    [storageKey],
  );
  const patch = useCallback(
    (clientId: string, change: Partial<OutboxEntry<I>>) =>
      update((list) => list.map((entry) => (entry.clientId === clientId ? { ...entry, ...change } : entry))),
    [update],
  );

  const pump = useCallback(async () => {
    if (isRunning.current) return;
    isRunning.current = true;
    try {
      for (;;) {
        const now = Date.now();
        const next = entriesRef.current.find(
          (entry) => entry.status === "pending" || (entry.status === "failed" && (entry.retryAt ?? 0) <= now),
        );
        if (!next) break;
        patch(next.clientId, { status: "saving" });
        let result: SendResult<R>;
        try {
          result = await callbacks.current.send(next.input);
        } catch (error) {
          result = { ok: false, error: `Network error: ${(error as Error).message}` };
        }
        if (result.ok) {
          const savedId = callbacks.current.savedIdOf(result.data);
          patch(next.clientId, { status: "saved", savedId, error: undefined });
          callbacks.current.onSaved?.({ ...next, status: "saved", savedId }, result.data);
        } else {
          const attempts = next.attempts + 1;
          patch(next.clientId, {
            status: "failed",
            attempts,
            error: result.error,
            retryAt: Date.now() + Math.min(MAX_DELAY_MS, 1000 * 2 ** attempts),
          });
          break; // keep order: later entries wait for this one
        }
      }
    } finally {
      isRunning.current = false;
    }
  }, [patch]);

  useEffect(() => {
    const stored = load<I>(storageKey);
    if (stored.length) update(() => stored);
    void pump();
    const timer = setInterval(() => void pump(), 1000);
    return () => clearInterval(timer);
  }, [pump, update, storageKey]);

  const enqueue = useCallback(
    (input: I) => {
      const entry: OutboxEntry<I> = { clientId: crypto.randomUUID(), input, status: "pending", attempts: 0 };
      update((list) => [
        ...list.filter((item) => item.status !== "saved"),
        ...list.filter((item) => item.status === "saved").slice(-KEEP_SAVED),
        entry,
      ]);
      void pump();
      return entry.clientId;
    },
    [pump, update],
  );

  /** Drops an entry that has not reached the server yet (undo before the save). */
  const cancel = useCallback(
    (clientId: string) => {
      const entry = entriesRef.current.find((item) => item.clientId === clientId);
      if (!entry || entry.status === "saving" || entry.status === "saved") return false;
      update((list) => list.filter((item) => item.clientId !== clientId));
      return true;
    },
    [update],
  );

  /** Resolves with the saved row's id once the save lands (undo of an entry still in flight). */
  const settled = useCallback(async (clientId: string, timeoutMs = 15_000): Promise<number | null> => {
    const started = Date.now();
    for (;;) {
      const entry = entriesRef.current.find((item) => item.clientId === clientId);
      if (!entry) return null;
      if (entry.savedId) return entry.savedId;
      if (Date.now() - started > timeoutMs) return null;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, []);

  const retryNow = useCallback(() => {
    update((list) => list.map((entry) => (entry.status === "failed" ? { ...entry, retryAt: 0 } : entry)));
    void pump();
  }, [pump, update]);

  return { entries, enqueue, cancel, settled, retryNow };
}
