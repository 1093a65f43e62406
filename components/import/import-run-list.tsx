// Recent import runs from import_runs (CLI and web alike), newest first.
import type { ImportRunSummary } from "@/lib/import/types";
import { ImportRunRow } from "./import-run-row";

export function ImportRunList({ runs, liveRunIds }: { runs: ImportRunSummary[]; liveRunIds: number[] }) {
  if (runs.length === 0) {
    return <p className="rounded-lg border border-dashed border-neutral-700 p-6 text-center text-sm text-neutral-400">No imports yet.</p>;
  }
  const live = new Set(liveRunIds);
  return (
    <ul className="rounded-xl border border-neutral-800 bg-neutral-900/40" data-testid="import-runs">
      {runs.map((run) => (
        <ImportRunRow key={run.id} run={run} isLive={live.has(run.id)} />
      ))}
    </ul>
  );
}
