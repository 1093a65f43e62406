"use client";
// Decisions are saved in the background: the UI moves on at once, a failed save is kept, shown
// and retried with backoff, and pending decisions survive a reload (localStorage). Saves run one
// at a time, in order, so a quick accept-then-reject lands in that order.
import { useCallback, useEffect, useRef, useState } from "react";
import { decideCandidate } from "@/lib/actions/reviews/decide-candidate";
import type { DecisionInput } from "@/lib/review/schemas";

export type OutboxEntry = {
  clientId: string;
  input: DecisionInput;
  status: "pending" | "saving" | "failed" | "saved";
  attempts: number;
  error?: string;
  retryAt?: number;
  reviewId?: number;
};

const STORAGE_KEY = "ripe.outbox";
const MAX_DELAY_MS = 30_000;

function load(): OutboxEntry[] {
  try {
    const entries = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "[]") as OutboxEntry[];
    return entries.filter((entry) => entry.status !== "saved").map((entry) => ({ ...entry, status: "pending" as const, retryAt: undefined }));
  } catch {
    return [];
  }
}

export function useDecisionOutbox(onSaved: (entry: OutboxEntry, result: { reviewId: number; state: unknown }) => void) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const entriesRef = useRef(entries);
  const isRunning = useRef(false);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  });
  const update = useCallback((next: (current: OutboxEntry[]) => OutboxEntry[]) => {
    entriesRef.current = next(entriesRef.current);
    setEntries(entriesRef.current);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(entriesRef.current.filter((entry) => entry.status !== "saved")));
    } catch {
      /* storage full or disabled: the in-memory queue still retries */
    }
  }, []);

  const pump = useCallback(async () => {
    if (isRunning.current) return;
    isRunning.current = true;
    try {
      for (;;) {
        const now = Date.now();
        const next = entriesRef.current.find((entry) => entry.status === "pending" || (entry.status === "failed" && (entry.retryAt ?? 0) <= now));
        if (!next) break;
        update((list) => list.map((entry) => (entry.clientId === next.clientId ? { ...entry, status: "saving" } : entry)));
        let result: Awaited<ReturnType<typeof decideCandidate>>;
        try {
          result = await decideCandidate(next.input);
        } catch (error) {
          result = { ok: false, error: `Network error: ${(error as Error).message}` };
        }
        if (result.ok) {
          update((list) => list.map((entry) => (entry.clientId === next.clientId ? { ...entry, status: "saved", reviewId: result.ok ? result.data.reviewId : undefined, error: undefined } : entry)));
          onSavedRef.current({ ...next, status: "saved", reviewId: result.data.reviewId }, result.data);
        } else {
          const attempts = next.attempts + 1;
          const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempts);
          const error = result.error;
          update((list) => list.map((entry) => (entry.clientId === next.clientId ? { ...entry, status: "failed", attempts, error, retryAt: Date.now() + delay } : entry)));
          break; // keep order: later decisions wait for this one
        }
      }
    } finally {
      isRunning.current = false;
    }
  }, [update]);

  useEffect(() => {
    const stored = load();
    if (stored.length) update(() => stored);
    void pump();
    const timer = setInterval(() => void pump(), 1000);
    return () => clearInterval(timer);
  }, [pump, update]);

  const enqueue = useCallback(
    (input: DecisionInput) => {
      const entry: OutboxEntry = { clientId: crypto.randomUUID(), input, status: "pending", attempts: 0 };
      update((list) => [...list.filter((item) => item.status !== "saved").slice(-50), ...list.filter((item) => item.status === "saved").slice(-20), entry]);
      void pump();
      return entry.clientId;
    },
    [pump, update],
  );

  /** Drops a decision that has not been saved yet (undo before it reached the server). */
  const cancel = useCallback((clientId: string) => {
    const entry = entriesRef.current.find((item) => item.clientId === clientId);
    if (!entry || entry.status === "saving" || entry.status === "saved") return false;
    update((list) => list.filter((item) => item.clientId !== clientId));
    return true;
  }, [update]);

  const retryNow = useCallback(() => {
    update((list) => list.map((entry) => (entry.status === "failed" ? { ...entry, retryAt: 0 } : entry)));
    void pump();
  }, [pump, update]);

  const find = useCallback((clientId: string) => entriesRef.current.find((entry) => entry.clientId === clientId), []);

  return { entries, enqueue, cancel, retryNow, find };
}
