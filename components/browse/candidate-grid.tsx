"use client";
// A virtualised grid of source→edit pairs over keyset pages: only the rows on screen are in the
// DOM, and the next page is fetched as the user nears the end, so 400K items scroll smoothly.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import type { BrowseItem, BrowsePage } from "@/lib/browse/types";
import { CandidateCard } from "./candidate-card";
import { VirtualRows } from "./virtual-rows";

type Props = { datasetId: number; search: string; initialPage: BrowsePage };

const CARD_MIN_WIDTH = 280;
const ROW_HEIGHT = 236;
const GAP = 12;

export function CandidateGrid({ datasetId, search, initialPage }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1200);
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const query = useInfiniteQuery({
    queryKey: ["browse", datasetId, search],
    queryFn: async ({ pageParam }) => {
      const params = new URLSearchParams(search.replace(/^\?/, ""));
      if (pageParam) params.set("cursor", pageParam);
      const response = await fetch(`/api/datasets/${datasetId}/candidates?${params}`);
      if (!response.ok) throw new Error(`Could not load items (${response.status})`);
      return (await response.json()) as BrowsePage;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
  });
  const items: BrowseItem[] = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const columns = Math.max(1, Math.floor((width + GAP) / (CARD_MIN_WIDTH + GAP)));
  const rowCount = Math.ceil(items.length / columns);
  const onNearEnd = () => {
    if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  };

  if (items.length === 0) {
    return (
      <p className="mt-10 text-center text-sm text-neutral-400" data-testid="empty-grid">
        No items match these filters.
      </p>
    );
  }
  return (
    <div
      ref={scrollRef}
      className="h-[calc(100vh-14rem)] overflow-y-auto pr-1 min-[1100px]:h-[calc(100vh-11rem)]"
      data-testid="candidate-grid"
    >
      <VirtualRows
        scrollRef={scrollRef}
        rowCount={rowCount}
        rowHeight={ROW_HEIGHT}
        gap={GAP}
        onNearEnd={onNearEnd}
        renderRow={(index) => (
          <div className="grid h-full" style={{ gap: GAP, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
            {items.slice(index * columns, index * columns + columns).map((item) => (
              <CandidateCard key={item.id} item={item} datasetId={datasetId} search={search} />
            ))}
          </div>
        )}
      />
      {query.isFetchingNextPage && <p className="py-3 text-center text-xs text-neutral-500">Loading more…</p>}
      {query.isError && <p className="py-3 text-center text-xs text-rose-300">{(query.error as Error).message} — scroll to retry.</p>}
    </div>
  );
}
