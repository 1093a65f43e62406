"use client";
// Background saves for decisions and pair labels: the screen moves on at once, saves run one at a
// time in order (a quick accept-then-reject lands in that order), a failed save is kept, shown and
// retried with backoff, and unsaved entries survive a reload (localStorage). The list transitions
// are pure (lib/labelling/outbox-state); this hook adds the timer, the storage and the network.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  appendEntry,
  cancelEntry,
  entriesToStore,
  markFailed,
  markSaved,
  nextToSend,
  patchEntry,
  restoreEntries,
  retryFailedNow,
  type OutboxEntry,
} from "@/lib/labelling/outbox-state";

export type { OutboxEntry } from "@/lib/labelling/outbox-state";

type SendResult<R> = { ok: true; data: R } | { ok: false; error: string };

export type OutboxOptions<I, R> = {
  storageKey: string;
  send: (input: I) => Promise<SendResult<R>>;
  savedIdOf: (data: R) => number;
  onSaved?: (entry: OutboxEntry<I>, data: R) => void;
};

function load<I>(storageKey: string): OutboxEntry<I>[] {
  try {
    return restoreEntries(JSON.parse(window.localStorage.getItem(storageKey) ?? "[]") as OutboxEntry<I>[]);
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
        window.localStorage.setItem(storageKey, JSON.stringify(entriesToStore(entriesRef.current)));
      } catch {
        /* storage full or disabled: the in-memory queue still retries */
      }
    },
    [storageKey],
  );

  const pump = useCallback(async () => {
    if (isRunning.current) return;
    isRunning.current = true;
    try {
      for (;;) {
        const next = nextToSend(entriesRef.current, Date.now());
        if (!next) break;
        update((list) => patchEntry(list, next.clientId, { status: "saving" }));
        let result: SendResult<R>;
        try {
          result = await callbacks.current.send(next.input);
        } catch (error) {
          result = { ok: false, error: `Network error: ${(error as Error).message}` };
        }
        if (result.ok) {
          const savedId = callbacks.current.savedIdOf(result.data);
          update((list) => markSaved(list, next.clientId, savedId));
          callbacks.current.onSaved?.({ ...next, status: "saved", savedId }, result.data);
        } else {
          const error = result.error;
          update((list) => markFailed(list, next.clientId, error, Date.now()));
          break; // keep order: later entries wait for this one
        }
      }
    } finally {
      isRunning.current = false;
    }
  }, [update]);

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
      update((list) => appendEntry(list, entry));
      void pump();
      return entry.clientId;
    },
    [pump, update],
  );

  /** Drops an entry that has not reached the server yet (undo before the save). */
  const cancel = useCallback(
    (clientId: string) => {
      const remaining = cancelEntry(entriesRef.current, clientId);
      if (!remaining) return false;
      update(() => remaining);
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
    update(retryFailedNow);
    void pump();
  }, [pump, update]);

  return { entries, enqueue, cancel, settled, retryNow };
}
