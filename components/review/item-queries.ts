"use client";
// Query-options factory for the review screens (one place for keys and fetchers).
import { queryOptions } from "@tanstack/react-query";
import type { ItemDetail } from "@/lib/review/types";

export function itemQuery(datasetId: number, candidateId: number) {
  return queryOptions({
    queryKey: ["item", datasetId, candidateId],
    queryFn: async (): Promise<ItemDetail> => {
      const response = await fetch(`/api/datasets/${datasetId}/items/${candidateId}`);
      if (!response.ok) throw new Error((await response.json().catch(() => null))?.error ?? `Could not load item ${candidateId}`);
      return response.json();
    },
    staleTime: 60_000,
  });
}

export async function fetchNeighbours(
  datasetId: number,
  search: string,
  candidateId: number,
  count = 20,
): Promise<{ before: number[]; after: number[] }> {
  const params = new URLSearchParams(search.replace(/^\?/, ""));
  params.set("item", String(candidateId));
  params.set("n", String(count));
  const response = await fetch(`/api/datasets/${datasetId}/neighbours?${params}`);
  if (!response.ok) throw new Error(`Could not load the next items (${response.status})`);
  return response.json();
}
