"use client";
// The labelling queue in the browser: the pairs fetched so far, the position, and the next batch
// fetched ahead (when five or fewer are left) with the next pairs' images decoded, so the next
// pair draws at once. The server leaves out what this reviewer labelled; the client also tells
// it which pairs it still holds or has unsaved labels for.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { preloadImage } from "@/components/compare/use-loaded-image";
import { imageUrl } from "@/lib/browse/image-url";
import type { PairItem, QueueBatch } from "@/lib/pairs/types";
import { queueBatchSearch, type QueueParams } from "@/lib/pairs/queue";

const FETCH_AHEAD = 5;
const PRELOAD_AHEAD = 3;

async function fetchBatch(datasetId: number, params: QueueParams, exclude: number[], excludeRepeats: number[]): Promise<QueueBatch> {
  const { queue, repeat, editType, origin } = params;
  const search = queueBatchSearch({ queue, repeat, editType, origin, exclude, excludeRepeats });
  const response = await fetch(`/api/datasets/${datasetId}/pairs/queue${search}`, { cache: "no-store" });
  if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? `Could not load more pairs (${response.status})`);
  return response.json();
}

export function usePairQueue(options: { datasetId: number; params: QueueParams; initial: QueueBatch; pendingPairIds: () => number[] }) {
  const { datasetId, params } = options;
  const [items, setItems] = useState<PairItem[]>(options.initial.items);
  const [index, setIndex] = useState(0);
  const [remaining, setRemaining] = useState(options.initial.remaining);
  const [isExhausted, setIsExhausted] = useState(options.initial.items.length === 0);
  const [error, setError] = useState<string | null>(null);
  const isLoading = useRef(false);
  // The latest values for callbacks that run later (fetch completions, key handlers).
  const state = useRef({ items, index });
  const pendingRef = useRef(options.pendingPairIds);
  useLayoutEffect(() => {
    state.current = { items, index };
    pendingRef.current = options.pendingPairIds;
  });
  /** Pairs skipped in this session: the server hands them out last, not again right away. */
  const skipped = useRef(new Set<number>());

  const loadMore = useCallback(async () => {
    if (isLoading.current) return;
    isLoading.current = true;
    try {
      const { items: held, index: at } = state.current;
      const ahead = held.slice(at);
      const exclude = [
        ...new Set([...ahead.filter((item) => !item.isRepeat).map((item) => item.pairId), ...pendingRef.current(), ...skipped.current]),
      ];
      const excludeRepeats = [...new Set([...ahead.filter((item) => item.isRepeat).map((item) => item.pairId), ...pendingRef.current()])];
      const batch = await fetchBatch(datasetId, params, exclude, excludeRepeats);
      const heldKeys = new Set(state.current.items.slice(state.current.index).map((item) => `${item.pairId}:${item.isRepeat}`));
      const fresh = batch.items.filter((item) => !heldKeys.has(`${item.pairId}:${item.isRepeat}`));
      setItems((current) => [...current, ...fresh]);
      setRemaining(batch.remaining);
      setIsExhausted(fresh.length === 0);
      setError(null);
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      isLoading.current = false;
    }
  }, [datasetId, params]);

  useEffect(() => {
    if (!isExhausted && items.length - index <= FETCH_AHEAD) void loadMore();
  }, [items.length, index, isExhausted, loadMore]);

  useEffect(() => {
    for (const item of items.slice(index + 1, index + 1 + PRELOAD_AHEAD)) {
      for (const path of [item.sourceImage, item.a.imagePath, item.b.imagePath]) preloadImage(imageUrl(datasetId, path));
    }
  }, [items, index, datasetId]);

  return {
    current: items[index] as PairItem | undefined,
    index,
    items,
    remaining,
    isExhausted,
    error,
    next: () => setIndex((at) => Math.min(at + 1, state.current.items.length)),
    previous: () => setIndex((at) => Math.max(0, at - 1)),
    goTo: (at: number) => setIndex(Math.max(0, Math.min(at, state.current.items.length))),
    markSkipped: (pairId: number) => skipped.current.add(pairId),
    /** At the end of the queue: ask again (labels saved since may have made repeats due). */
    refresh: () => {
      setIsExhausted(false);
      void loadMore();
    },
  };
}
