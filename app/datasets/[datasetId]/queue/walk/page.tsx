import Link from "next/link";
import { connection } from "next/server";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { filtersToSearch, parseWalk } from "@/lib/browse/filters";
import { countCandidates, listCandidates } from "@/lib/db/queries/browse";
import { getItemDetail } from "@/lib/db/queries/items";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { recentOwnDecisions } from "@/lib/db/queries/reviews";
import { datasetMetadata } from "@/lib/pages/metadata";
import { currentReviewer } from "@/lib/review/current-reviewer";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = datasetMetadata("Review walk");

/** Walks a filter from its first item with auto-advance: the review queue over a filter. */
export default async function QueueWalkPage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/queue/walk");
  const reviewer = await currentReviewer(db);
  const recentDecisions = await recentOwnDecisions(db, dataset.id, reviewer.id);
  const { filters, title } = parseWalk(await searchParams);
  const search = filtersToSearch(filters);
  const read = { searchBacklog: dataset.searchBacklog }; // the row was read for this request
  const [first, total] = await Promise.all([
    listCandidates(db, dataset, filters, { limit: 1, ...read }),
    countCandidates(db, dataset.id, filters, read),
  ]);
  const detail = first.items[0] ? await getItemDetail(db, dataset, first.items[0].id, reviewer.id) : null;
  if (!detail) {
    return (
      <div className="mx-auto max-w-xl p-10 text-center">
        <p className="text-neutral-300">Nothing left in this queue.</p>
        <Link href={`/datasets/${dataset.id}/queue`} className="mt-3 inline-block text-amber-300 underline">
          Choose another queue
        </Link>
      </div>
    );
  }
  return (
    <ReviewWorkspace
      reviewerId={reviewer.id}
      recentDecisions={recentDecisions}
      canDecide
      datasetId={dataset.id}
      datasetName={dataset.name}
      initial={detail}
      search={search}
      backHref={`/datasets/${dataset.id}/queue`}
      queue={{ title, total }}
    />
  );
}
