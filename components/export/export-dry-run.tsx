"use client";
// Exact counts on demand: fetches manifest.json, which runs the whole export without keeping it
// (several seconds at 400K rows, so not on every page view).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { ExportManifest } from "@/lib/export/export-dataset";

const count = (value: number) => value.toLocaleString("en");

export function ExportDryRun({ datasetId, search }: { datasetId: number; search: string }) {
  const [elapsedMs, setElapsedMs] = useState<number | null>(null);
  const query = useQuery({
    queryKey: ["export-manifest", datasetId, search],
    enabled: false,
    staleTime: Infinity,
    queryFn: async ({ signal }): Promise<ExportManifest> => {
      const started = performance.now();
      const response = await fetch(`/api/export/${datasetId}/manifest.json${search}`, { signal, cache: "no-store" });
      if (!response.ok)
        throw new Error(
          ((await response.json().catch(() => null)) as { error?: string } | null)?.error ?? `The server answered ${response.status}.`,
        );
      const manifest = (await response.json()) as ExportManifest;
      setElapsedMs(performance.now() - started);
      return manifest;
    },
  });
  const manifest = query.data;
  return (
    <section className="rounded-xl border border-neutral-800 bg-neutral-900/60 p-4" data-testid="export-dry-run">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-sm font-semibold uppercase tracking-wide text-neutral-400">Exact counts</h2>
        <button
          type="button"
          onClick={() => void query.refetch()}
          disabled={query.isFetching}
          className="rounded-md bg-amber-500 px-3 py-1.5 text-sm font-medium text-neutral-950 hover:bg-amber-400 disabled:opacity-50"
          data-testid="export-dry-run-button"
        >
          {query.isFetching ? "Counting…" : manifest ? "Count again" : "Count (dry run)"}
        </button>
        <span className="text-xs text-neutral-500">
          {manifest && elapsedMs !== null
            ? `Counted in ${(elapsedMs / 1000).toFixed(1)} s.`
            : "Runs the export without writing it; a few seconds per 100K rows."}
        </span>
      </div>
      {query.isError && <p className="mt-2 text-sm text-red-400">{query.error.message}</p>}
      {manifest && (
        <>
          <table className="mt-3 w-full text-sm tabular-nums" data-testid="export-counts">
            <thead className="text-left text-xs text-neutral-500">
              <tr>
                <th className="py-1 font-normal">File</th>
                <th className="py-1 text-right font-normal">Rows</th>
                <th className="py-1 text-right font-normal">Unchanged</th>
                <th className="py-1 text-right font-normal">Changed</th>
                <th className="py-1 text-right font-normal">Dropped</th>
                <th className="py-1 pl-4 font-normal">Why dropped</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(manifest.files).map(([file, counts]) => (
                <tr key={file} className="border-t border-neutral-800" data-file={file}>
                  <td className="py-1.5 font-mono text-neutral-200">{file}</td>
                  <td className="py-1.5 text-right font-semibold">{count(counts.rows)}</td>
                  <td className="py-1.5 text-right text-neutral-400">{count(counts.unchanged)}</td>
                  <td className="py-1.5 text-right text-neutral-400">
                    {count(counts.changed)}
                    {counts.changedByHuman > 0 && (
                      <span className="text-xs text-amber-300"> ({count(counts.changedByHuman)} by people)</span>
                    )}
                  </td>
                  <td className="py-1.5 text-right text-neutral-400">
                    {count(counts.dropped)}
                    {counts.droppedByHuman > 0 && (
                      <span className="text-xs text-amber-300"> ({count(counts.droppedByHuman)} by people)</span>
                    )}
                  </td>
                  <td className="py-1.5 pl-4 text-xs text-neutral-500">
                    {Object.entries(counts.dropReasons)
                      .map(([reason, n]) => `${reason}: ${count(n)}`)
                      .join(" · ") || "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-neutral-500">
            Human decisions changed {count(manifest.rows_changed_by_human_decisions)} rows and dropped{" "}
            {count(manifest.rows_dropped_by_human_decisions)}.
          </p>
        </>
      )}
    </section>
  );
}
