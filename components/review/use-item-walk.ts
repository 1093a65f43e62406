"use client";
// Walks the current filter item by item without page loads: a window of ids around the current
// item (extended as the walk nears either end), the next items' data prefetched and their images
// decoded ahead, and the URL kept in step (history entries, so back works).
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { preloadImage } from "@/components/compare/use-loaded-image";
import { imageUrl } from "@/lib/browse/image-url";
import { fetchNeighbours, itemQuery } from "./item-queries";

type Walk = { ids: number[]; index: number };

export function useItemWalk(options: {
  datasetId: number;
  search: string;
  initialId: number;
  pathFor: (id: number) => string;
  preloadAhead?: number;
  fixedIds?: number[];
}) {
  const { datasetId, search, initialId, pathFor } = options;
  const queryClient = useQueryClient();
  const [walk, setWalk] = useState<Walk>(() =>
    options.fixedIds ? { ids: options.fixedIds, index: Math.max(0, options.fixedIds.indexOf(initialId)) } : { ids: [initialId], index: 0 },
  );
  const loading = useRef({ before: false, after: false });
  const [isAtEnd, setIsAtEnd] = useState({ before: false, after: false });
  const currentId = walk.ids[walk.index];
  const walkRef = useRef(walk);
  useEffect(() => {
    walkRef.current = walk;
  });

  const extend = useCallback(
    async (side: "before" | "after", anchor: number) => {
      if (options.fixedIds || loading.current[side]) return;
      loading.current[side] = true;
      try {
        const neighbours = await fetchNeighbours(datasetId, search, anchor);
        setWalk((current) => {
          const known = new Set(current.ids);
          if (side === "after") {
            const fresh = neighbours.after.filter((id) => !known.has(id));
            if (fresh.length === 0) setIsAtEnd((state) => ({ ...state, after: true }));
            return { ids: [...current.ids, ...fresh], index: current.index };
          }
          const fresh = neighbours.before.filter((id) => !known.has(id)).reverse();
          if (fresh.length === 0) setIsAtEnd((state) => ({ ...state, before: true }));
          return { ids: [...fresh, ...current.ids], index: current.index + fresh.length };
        });
      } finally {
        loading.current[side] = false;
      }
    },
    [datasetId, search, options.fixedIds],
  );

  useEffect(() => {
    if (walk.ids.length - 1 - walk.index < 5 && !isAtEnd.after) void extend("after", walk.ids[walk.ids.length - 1]);
    if (walk.index < 3 && !isAtEnd.before) void extend("before", walk.ids[0]);
  }, [walk, extend, isAtEnd]);

  // Prefetch the next items' data and decode their images so "next" draws at once.
  useEffect(() => {
    const ahead = [
      ...walk.ids.slice(walk.index + 1, walk.index + 1 + (options.preloadAhead ?? 3)),
      ...walk.ids.slice(Math.max(0, walk.index - 1), walk.index),
    ];
    for (const id of ahead) {
      void queryClient
        .fetchQuery(itemQuery(datasetId, id))
        .then((detail) => {
          preloadImage(imageUrl(datasetId, detail.request.sourceImage));
          preloadImage(imageUrl(datasetId, detail.candidate.imagePath));
        })
        .catch(() => {});
    }
  }, [walk, datasetId, queryClient, options.preloadAhead]);

  const goTo = useCallback(
    (index: number) => {
      const current = walkRef.current;
      if (index < 0 || index >= current.ids.length) return;
      window.history.pushState(null, "", `${pathFor(current.ids[index])}${search}`);
      walkRef.current = { ...current, index };
      setWalk(walkRef.current);
    },
    [pathFor, search],
  );

  useEffect(() => {
    const onPop = () => {
      const match = /\/items\/(\d+)/.exec(window.location.pathname);
      const fromQuery = new URLSearchParams(window.location.search).get("item");
      const id = Number(match?.[1] ?? fromQuery);
      if (!id) return;
      setWalk((current) => {
        const index = current.ids.indexOf(id);
        return index === -1 ? { ids: [id], index: 0 } : { ...current, index };
      });
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  return {
    currentId,
    position: walk.index,
    loadedCount: walk.ids.length,
    hasNext: walk.index < walk.ids.length - 1,
    hasPrevious: walk.index > 0,
    next: () => goTo(walkRef.current.index + 1),
    previous: () => goTo(walkRef.current.index - 1),
    jumpTo: (id: number) => {
      const index = walk.ids.indexOf(id);
      if (index !== -1) goTo(index);
      else {
        window.history.pushState(null, "", `${pathFor(id)}${search}`);
        setWalk({ ids: [id], index: 0 });
        setIsAtEnd({ before: false, after: false });
      }
    },
  };
}
