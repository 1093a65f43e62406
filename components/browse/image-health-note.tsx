"use client";
// On the dataset page: how many images of a bounded sample could not be loaded, and why, with
// links to the items (and to the settings when the dataset has no base). Asked for after the
// page has rendered, so a slow source never delays browsing; silent when everything loads.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { FAILURE_LABELS, type ImageFailureReason } from "@/lib/browse/image-failure";
import type { ImageHealth } from "@/lib/browse/image-health";

/** `canManage`: the account may open the settings (a dataset admin), so the note links there. */
export function ImageHealthNote({ datasetId, canManage }: { datasetId: number; canManage: boolean }) {
  const health = useQuery({
    queryKey: ["image-health", datasetId],
    queryFn: async () => {
      const response = await fetch(`/api/datasets/${datasetId}/image-health`);
      if (!response.ok) throw new Error(`image check failed (${response.status})`);
      return (await response.json()) as ImageHealth;
    },
    staleTime: 5 * 60_000,
  });
  const data = health.data;
  if (!data || data.failed.length === 0) return null;
  const byReason = new Map<string, number>();
  for (const problem of data.failed) byReason.set(problem.reason, (byReason.get(problem.reason) ?? 0) + 1);
  const reasons = [...byReason].map(([reason, count]) => `${FAILURE_LABELS[reason as ImageFailureReason] ?? reason} (${count})`).join(", ");
  const items = [...new Set(data.failed.map((problem) => problem.candidateId))];
  return (
    <details className="rounded-md border border-rose-900/70 bg-rose-950/30 px-3 py-2 text-xs text-rose-100" data-testid="image-health">
      <summary className="cursor-pointer">
        <span data-testid="unloadable-count">{data.failed.length}</span> of {data.checkedImages} {data.isSample ? "sampled " : ""}images
        could not be loaded: {reasons}. <span className="text-rose-200/80 underline">Show them</span>
      </summary>
      <div className="mt-2 space-y-2 text-rose-100/90">
        {byReason.has("no-base") && (
          <p>
            Relative paths need a base or a mirror folder:{" "}
            {canManage ? (
              <Link href={`/datasets/${datasetId}/settings`} className="text-amber-300 underline">
                set one in the dataset settings
              </Link>
            ) : (
              "an admin of the dataset sets one in its settings"
            )}
            .
          </p>
        )}
        <ul className="max-h-48 space-y-1 overflow-y-auto">
          {data.failed.map((problem) => (
            <li key={`${problem.candidateId}-${problem.which}`} className="flex gap-2">
              <Link href={`/datasets/${datasetId}/items/${problem.candidateId}`} className="shrink-0 text-amber-300 underline">
                Item #{problem.candidateId}
              </Link>
              <span className="min-w-0 truncate" title={problem.message}>
                {problem.which}: {problem.message}
              </span>
            </li>
          ))}
        </ul>
        {data.isSample && (
          <p className="text-rose-200/70">
            Checked {data.checkedItems} items spread over the dataset ({items.length} with a problem); the count is of this sample,
            refreshed every few minutes.
          </p>
        )}
      </div>
    </details>
  );
}
