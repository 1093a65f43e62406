import Link from "next/link";
import { connection } from "next/server";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { QUEUE_PRESETS } from "@/components/queue/queue-presets";
import { SampleForm } from "@/components/queue/sample-form";
import { parseBrowseFilters, walkHref } from "@/lib/browse/filters";
import { countCandidates } from "@/lib/db/queries/browse";
import { assignedWalk } from "@/lib/db/queries/assigned-walk";
import { listAuditSamplesWithProgress } from "@/lib/db/queries/queue";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { datasetMetadata } from "@/lib/pages/metadata";
import { currentReviewer } from "@/lib/review/current-reviewer";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = datasetMetadata("Review queue");

export default async function QueuePage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/queue");
  const current = parseBrowseFilters(await searchParams);
  const hasCurrent = Object.keys(current).length > 0;
  const presets = hasCurrent
    ? [{ id: "current", title: "Current browse filter", description: "The filter you came from.", filters: current }, ...QUEUE_PRESETS]
    : QUEUE_PRESETS;
  const counts = await Promise.all(presets.map((preset) => countCandidates(db, dataset.id, preset.filters)));
  const samples = await listAuditSamplesWithProgress(db, dataset.id);
  const reviewer = await currentReviewer(db);
  const assigned = await assignedWalk(db, dataset.id, reviewer.id);
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/queue" />
      {/* Assigned work first: the reviewer's open items of every assignment, in one walk. */}
      <section className="mx-auto max-w-6xl px-6 pt-6" data-testid="assigned-queue">
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-amber-500/40 bg-amber-500/5 p-3">
          <div>
            <h2 className="font-semibold">Assigned to you ({reviewer.name})</h2>
            <p className="text-xs text-neutral-400">
              {assigned.assigned === 0
                ? "Nothing assigned to you is open."
                : `${assigned.assigned.toLocaleString()} open item${assigned.assigned === 1 ? "" : "s"}, due soonest first.`}
            </p>
          </div>
          {assigned.ids.length > 0 && (
            <Link
              href={`/datasets/${dataset.id}/queue/assigned`}
              className="rounded-md bg-amber-500 px-3 py-1.5 text-sm font-medium text-neutral-950 hover:bg-amber-400"
              data-testid="assigned-start"
            >
              Start
            </Link>
          )}
        </div>
      </section>
      <div className="mx-auto grid max-w-6xl gap-8 px-6 py-6 lg:grid-cols-2">
        <section>
          <h2 className="text-lg font-semibold">Walk a filter</h2>
          <p className="mb-3 text-sm text-neutral-400">
            Decide with <kbd>a</kbd> / <kbd>r</kbd> / <kbd>u</kbd>; the next item opens at once while the decision saves. Labels from these
            queues are a convenience sample: the audit says so.
          </p>
          <ul className="space-y-2" data-testid="queue-presets">
            {presets.map((preset, index) => (
              <li
                key={preset.id}
                className="flex items-center justify-between gap-3 rounded-lg border border-neutral-800 bg-neutral-900/60 p-3"
              >
                <div>
                  <p className="font-medium">{preset.title}</p>
                  <p className="text-xs text-neutral-400">{preset.description}</p>
                </div>
                <div className="flex shrink-0 items-center gap-3">
                  <span className="tabular-nums text-sm text-neutral-300">{counts[index].toLocaleString()}</span>
                  <Link
                    href={walkHref(dataset.id, preset.filters, preset.title)}
                    aria-disabled={counts[index] === 0}
                    className={`rounded-md px-3 py-1.5 text-sm font-medium ${counts[index] === 0 ? "pointer-events-none bg-neutral-800 text-neutral-500" : "bg-amber-500 text-neutral-950 hover:bg-amber-400"}`}
                  >
                    Start
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
        <section>
          <h2 className="text-lg font-semibold">Audit sample</h2>
          <p className="mb-3 text-sm text-neutral-400">
            A random sample with known inclusion probabilities, so the audit can estimate the judge&apos;s error rate for the whole dataset
            (inverse-probability weighted), not just for what you happened to look at.
          </p>
          <SampleForm datasetId={dataset.id} />
          <h3 className="mt-6 text-sm font-semibold text-neutral-300">Samples</h3>
          {samples.length === 0 ? (
            <p className="text-sm text-neutral-500">None yet.</p>
          ) : (
            <ul className="mt-2 space-y-2" data-testid="sample-list">
              {samples.map((sample) => (
                <li key={sample.id} className="flex items-center justify-between rounded border border-neutral-800 px-3 py-2 text-sm">
                  <span>
                    #{sample.id} · {sample.method} · {sample.size} items · seed {sample.seed}
                  </span>
                  <span className="flex items-center gap-3">
                    <span className="tabular-nums text-neutral-400">{sample.decided} decided</span>
                    <Link href={`/datasets/${dataset.id}/queue/sample/${sample.id}`} className="text-amber-300 hover:underline">
                      {sample.decided >= sample.size ? "Review again" : "Continue"}
                    </Link>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
