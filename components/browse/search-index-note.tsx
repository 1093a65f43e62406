"use client";
// On the dataset page while the search index is being built after a bulk import: the progress,
// and that search works meanwhile but is slower. Polls until the build is done, then goes away.
import { useQuery } from "@tanstack/react-query";
import { searchStateNotice, type SearchState } from "@/lib/search/state";

const POLL_MS = 2000;

export function SearchIndexNote({ datasetId, initial }: { datasetId: number; initial: SearchState }) {
  const state = useQuery({
    queryKey: ["search-state", datasetId],
    queryFn: async () => {
      const response = await fetch(`/api/datasets/${datasetId}/search-state`);
      if (!response.ok) throw new Error(`search state failed (${response.status})`);
      return (await response.json()) as SearchState;
    },
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.isReady ? false : POLL_MS),
  });
  const notice = searchStateNotice(state.data);
  if (!notice) return null;
  return (
    <p
      className="rounded-md border border-sky-900/70 bg-sky-950/30 px-3 py-2 text-xs text-sky-100"
      role="status"
      data-testid="search-index-note"
    >
      {notice}
    </p>
  );
}
