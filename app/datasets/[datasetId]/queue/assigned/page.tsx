import Link from "next/link";
import { connection } from "next/server";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { assignedWalk } from "@/lib/db/queries/assigned-walk";
import { getItemDetail } from "@/lib/db/queries/items";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { recentOwnDecisions } from "@/lib/db/queries/reviews";
import { datasetMetadata } from "@/lib/pages/metadata";
import { currentReviewer } from "@/lib/review/current-reviewer";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<{ item?: string }> };

export const generateMetadata = datasetMetadata("Assigned to you");

/** The reviewer's open assigned items (gold checks mixed in, unannounced), in one walk. */
export default async function AssignedQueuePage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/queue/assigned");
  const reviewer = await currentReviewer(db);
  const [walk, recentDecisions] = await Promise.all([
    assignedWalk(db, dataset.id, reviewer.id),
    recentOwnDecisions(db, dataset.id, reviewer.id),
  ]);
  const requested = Number((await searchParams).item);
  const startId = walk.ids.includes(requested) ? requested : walk.ids[0];
  const detail = startId ? await getItemDetail(db, dataset, startId, reviewer.id) : null;
  if (!detail) {
    return (
      <div className="mx-auto max-w-xl p-10 text-center text-neutral-300" data-testid="assigned-empty">
        Nothing assigned to you is open.{" "}
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
      queue={{ title: "Assigned to you", total: walk.ids.length, ids: walk.ids, path: `/datasets/${dataset.id}/queue/assigned` }}
    />
  );
}
