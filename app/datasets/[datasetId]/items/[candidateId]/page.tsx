import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { filtersToSearch, parseBrowseFilters } from "@/lib/browse/filters";
import { getItemDetail } from "@/lib/db/queries/items";
import { idOr404, loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { recentOwnDecisions } from "@/lib/db/queries/reviews";
import { datasetMetadata } from "@/lib/pages/metadata";
import { currentReviewer } from "@/lib/review/current-reviewer";

type Props = {
  params: Promise<{ datasetId: string; candidateId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const generateMetadata = datasetMetadata((params: { datasetId: string; candidateId: string }) => `Item ${params.candidateId}`);

export default async function ItemPage({ params, searchParams }: Props) {
  await connection();
  const { datasetId, candidateId } = await params;
  const { db, dataset, can } = await loadDatasetOr404(datasetId, "/items/[candidateId]");
  const reviewer = await currentReviewer(db);
  const recentDecisions = await recentOwnDecisions(db, dataset.id, reviewer.id);
  const id = idOr404(candidateId);
  const detail = await getItemDetail(db, dataset, id, reviewer.id);
  if (!detail) notFound();
  const search = filtersToSearch(parseBrowseFilters(await searchParams));
  return (
    <ReviewWorkspace
      reviewerId={reviewer.id}
      recentDecisions={recentDecisions}
      canDecide={can.review}
      datasetId={dataset.id}
      datasetName={dataset.name}
      initial={detail}
      search={search}
      backHref={`/datasets/${dataset.id}${search}`}
    />
  );
}
