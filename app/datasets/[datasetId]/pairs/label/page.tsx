import { connection } from "next/server";
import { PairLabeller } from "@/components/pairs/pair-labeller";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { pairEditTypes } from "@/lib/db/queries/pairs-labels";
import { nextPairBatch } from "@/lib/db/queries/pairs-queue";
import { currentReviewer } from "@/lib/review/current-reviewer";
import { parseQueueParams, queueSearch } from "@/lib/pairs/queue";
import { datasetMetadata } from "@/lib/pages/metadata";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = datasetMetadata("Label pairs");

export default async function LabelPairsPage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/pairs/label");
  const queue = parseQueueParams(await searchParams);
  const reviewer = await currentReviewer(db);
  const [batch, editTypes] = await Promise.all([
    nextPairBatch(db, dataset, reviewer.id, { ...queue, exclude: [], excludeRepeats: [], limit: 25 }),
    pairEditTypes(db, dataset.id),
  ]);
  // Keyed by the queue (and reviewer): a new queue starts a fresh session on the client.
  return (
    <PairLabeller
      key={`${queueSearch(queue)}|${reviewer.id}`}
      datasetId={dataset.id}
      params={queue}
      initial={batch}
      editTypes={editTypes.map((entry) => entry.editType)}
    />
  );
}
