import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { getItemDetail } from "@/lib/db/queries/items";
import { idOr404, loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { getSampleWalk } from "@/lib/db/queries/queue";
import { recentOwnDecisions } from "@/lib/db/queries/reviews";
import { datasetMetadata } from "@/lib/pages/metadata";
import { currentReviewer } from "@/lib/review/current-reviewer";

type Props = { params: Promise<{ datasetId: string; sampleId: string }>; searchParams: Promise<{ item?: string }> };

export const generateMetadata = datasetMetadata((params: { datasetId: string; sampleId: string }) => `Audit sample ${params.sampleId}`);

/** Walks an audit sample in its order, starting at the requested or first undecided item. */
export default async function SampleQueuePage({ params, searchParams }: Props) {
  await connection();
  const { datasetId, sampleId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/queue/sample/[sampleId]");
  const reviewer = await currentReviewer(db);
  const recentDecisions = await recentOwnDecisions(db, dataset.id, reviewer.id);
  const walk = await getSampleWalk(db, idOr404(sampleId));
  if (!walk || walk.datasetId !== dataset.id) notFound();
  const requested = Number((await searchParams).item);
  const startId = walk.ids.includes(requested) ? requested : (walk.ids.find((id) => !walk.decided.has(id)) ?? walk.ids[0]);
  const detail = startId ? await getItemDetail(db, dataset, startId, reviewer.id) : null;
  if (!detail) {
    return (
      <div className="mx-auto max-w-xl p-10 text-center text-neutral-300">
        This sample is empty.{" "}
        <Link href={`/datasets/${dataset.id}/queue`} className="text-amber-300 underline">
          Back to the queues
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
      search=""
      backHref={`/datasets/${dataset.id}/queue`}
      queue={{
        title: `Audit sample #${walk.id} (${walk.method})`,
        total: walk.ids.length,
        ids: walk.ids,
        probabilities: walk.probabilities,
        sampleId: walk.id,
        alreadyDecided: walk.decided.size,
      }}
    />
  );
}
