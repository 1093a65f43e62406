"use client";
// Pair labels are saved in the background so labelling never waits: the screen moves on at once,
// saves run one at a time in order, a failed save is kept, shown and retried with backoff, and
// unsaved labels survive a reload (localStorage). Same pattern as the item page's decisions.
import { useCallback, useEffect, useRef, useState } from "react";
import { labelPair } from "@/lib/actions/pairs/label-pair";
import type { LabelPairInput } from "@/lib/pairs/schemas";

export type LabelEntry = {
  clientId: string;
  input: LabelPairInput;
  status: "pending" | "saving" | "failed" | "saved";
  attempts: number;
  error?: string;
  retryAt?: number;
  labelId?: number;
};

const STORAGE_KEY = "ripe.pair-outbox";
const MAX_DELAY_MS = 30_000;

function load(): LabelEntry[] {
  try {
    const entries = JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "[]") as LabelEntry[];
    return entries.filter((entry) => entry.status !== "saved").map((entry) => ({ ...entry, status: "pending" as const, retryAt: undefined }));
  } catch {
    return [];
  }
}

export function useLabelOutbox(onSaved: (entry: LabelEntry) => void) {
  const [entries, setEntries] = useState<LabelEntry[]>([]);
  const entriesRef = useRef(entries);
  const isRunning = useRef(false);
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  });
  const update = useCallback((next: (current: LabelEntry[]) => LabelEntry[]) => {
    entriesRef.current = next(entriesRef.current);
    setEntries(entriesRef.current);
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(entriesRef.current.filter((entry) => entry.status !== "saved")));
    } catch {
      /* storage full or disabled: the in-memory queue still retries */
    }
  }, []);
  const patch = useCallback((clientId: string, change: Partial<LabelEntry>) => update((list) => list.map((entry) => (entry.clientId === clientId ? { ...entry, ...change } : entry))), [update]);

  const pump = useCallback(async () => {
    if (isRunning.current) return;
    isRunning.current = true;
    try {
      for (;;) {
        const now = Date.now();
        const next = entriesRef.current.find((entry) => entry.status === "pending" || (entry.status === "failed" && (entry.retryAt ?? 0) <= now));
        if (!next) break;
        patch(next.clientId, { status: "saving" });
        let result: Awaited<ReturnType<typeof labelPair>>;
        try {
          result = await labelPair(next.input);
        } catch (error) {
          result = { ok: false, error: `Network error: ${(error as Error).message}` };
        }
        if (result.ok) {
          patch(next.clientId, { status: "saved", labelId: result.data.labelId, error: undefined });
          onSavedRef.current({ ...next, status: "saved", labelId: result.data.labelId });
        } else {
          const attempts = next.attempts + 1;
          patch(next.clientId, { status: "failed", attempts, error: result.error, retryAt: Date.now() + Math.min(MAX_DELAY_MS, 1000 * 2 ** attempts) });
          break; // keep order: later labels wait for this one
        }
      }
    } finally {
      isRunning.current = false;
    }
  }, [patch]);

  useEffect(() => {
    const stored = load();
    if (stored.length) update(() => stored);
    void pump();
    const timer = setInterval(() => void pump(), 1000);
    return () => clearInterval(timer);
  }, [pump, update]);

  const enqueue = useCallback(
    (input: LabelPairInput) => {
      const entry: LabelEntry = { clientId: crypto.randomUUID(), input, status: "pending", attempts: 0 };
      update((list) => [...list.filter((item) => item.status !== "saved"), ...list.filter((item) => item.status === "saved").slice(-30), entry]);
      void pump();
      return entry.clientId;
    },
    [pump, update],
  );

  /** Drops a label that has not reached the server yet (undo before the save). */
  const cancel = useCallback((clientId: string) => {
    const entry = entriesRef.current.find((item) => item.clientId === clientId);
    if (!entry || entry.status === "saving" || entry.status === "saved") return false;
    update((list) => list.filter((item) => item.clientId !== clientId));
    return true;
  }, [update]);

  /** Resolves with the saved label id once the save lands (for undo of a label still in flight). */
  const settled = useCallback(async (clientId: string, timeoutMs = 15_000): Promise<number | null> => {
    const started = Date.now();
    for (;;) {
      const entry = entriesRef.current.find((item) => item.clientId === clientId);
      if (!entry) return null;
      if (entry.labelId) return entry.labelId;
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
