import { connection } from "next/server";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { QUEUE_PRESETS } from "@/components/queue/queue-presets";
import { AssignmentForm, type SourceOption } from "@/components/team/assignment-form";
import { AssignmentList } from "@/components/team/assignment-list";
import { GoldPanel } from "@/components/team/gold-panel";
import { filtersToSearch, parseBrowseFilters } from "@/lib/browse/filters";
import { listAssignableReviewers, listAssignments, openAssignmentItems } from "@/lib/db/queries/assignments";
import { countCandidates } from "@/lib/db/queries/browse";
import { goldRate, listGold } from "@/lib/db/queries/gold";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { listAuditSamplesWithProgress } from "@/lib/db/queries/queue";
import { datasetMetadata } from "@/lib/pages/metadata";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = datasetMetadata("Assignments");

/** Admins hand out review work: assignments with overlap, their progress, and gold checks. */
export default async function AssignmentsPage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/assignments");
  const query = await searchParams;
  const current = parseBrowseFilters(query);
  const openFor = Number([query.open].flat()[0]) || null;
  const filters = [
    ...(Object.keys(current).length ? [{ key: "current", label: `Browse filter ${filtersToSearch(current)}`, filter: current }] : []),
    ...QUEUE_PRESETS.map((preset) => ({ key: `preset:${preset.id}`, label: preset.title, filter: preset.filters })),
  ];
  const [counts, samples, assignments, reviewers, rate, gold] = await Promise.all([
    Promise.all(filters.map((entry) => countCandidates(db, dataset.id, entry.filter))),
    listAuditSamplesWithProgress(db, dataset.id),
    listAssignments(db, dataset.id),
    listAssignableReviewers(db, dataset.id),
    goldRate(db, dataset.id),
    listGold(db, dataset.id),
  ]);
  const openItems = openFor && assignments.some((entry) => entry.id === openFor) ? await openAssignmentItems(db, dataset.id, openFor) : [];
  const sources: SourceOption[] = [
    ...samples.map((sample) => ({
      key: `sample:${sample.id}`,
      label: `Audit sample #${sample.id} (${sample.method}, seed ${sample.seed})`,
      count: sample.size,
      kind: "sample" as const,
      sampleId: sample.id,
    })),
    ...filters.map((entry, index) => ({
      key: entry.key,
      label: entry.label,
      search: filtersToSearch(entry.filter),
      count: counts[index],
      kind: "filter" as const,
    })),
  ];
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/assignments" />
      <div className="mx-auto grid max-w-6xl gap-8 px-6 py-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <section className="min-w-0 space-y-3">
          <h2 className="text-lg font-semibold">Assignments</h2>
          <p className="text-sm text-neutral-400">
            Each reviewer sees their open assigned items first in the review queue. Nobody sees how a colleague decided an item before
            deciding it themselves.
          </p>
          <AssignmentList datasetId={dataset.id} assignments={assignments} openFor={openFor} openItems={openItems} />
        </section>
        <aside className="space-y-6">
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">New assignment</h2>
            <AssignmentForm datasetId={dataset.id} sources={sources} reviewers={reviewers.map(({ id, name }) => ({ id, name }))} />
          </section>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">Gold checks</h2>
            <p className="text-sm text-neutral-400">
              Items with a known verdict, mixed unannounced into each reviewer&apos;s assigned walk. Accuracy per reviewer is on the
              agreement page; export and audit can leave out reviewers below a gold accuracy.
            </p>
            <GoldPanel datasetId={dataset.id} rate={rate} gold={gold} />
          </section>
        </aside>
      </div>
    </div>
  );
}
