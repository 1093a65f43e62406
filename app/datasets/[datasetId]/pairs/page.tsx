import Link from "next/link";
import { connection } from "next/server";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { MinePairsForm } from "@/components/pairs/mine-pairs-form";
import { PairFilters } from "@/components/pairs/pair-filters";
import { PairList } from "@/components/pairs/pair-list";
import { PairsSummary } from "@/components/pairs/pairs-summary";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { pairsOverview } from "@/lib/db/queries/pairs";
import { agreementPairs, datasetEditTypes, listPairs, liveLabels, pairEditTypes } from "@/lib/db/queries/pairs-labels";
import { currentReviewer } from "@/lib/review/current-reviewer";
import { agreementSummary, metricIds } from "@/lib/pairs/agreement";
import { describeMetric, pairListSearch, parsePairList } from "@/lib/pairs/list-params";
import { datasetMetadata } from "@/lib/pages/metadata";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const PAGE = 50;

export const generateMetadata = datasetMetadata("Pairs");

export default async function PairsPage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset, can } = await loadDatasetOr404(datasetId, "/pairs");
  const list = parsePairList(await searchParams);
  const reviewer = await currentReviewer(db);
  // A metric from the agreement page: recompute the same summary and list exactly its pairs.
  let ids: number[] | undefined;
  let metricText: string | null = null;
  if (list.metric) {
    const labels = await liveLabels(db, dataset.id);
    const summary = agreementSummary(
      labels,
      await agreementPairs(
        db,
        labels.map((label) => label.pairId),
      ),
    );
    ids = metricIds(summary, list.metric);
    metricText = describeMetric(list.metric, new Map(labels.map((label) => [label.reviewerId, label.reviewer])));
  }
  const [overview, page, pairTypes, allTypes] = await Promise.all([
    pairsOverview(db, dataset.id, reviewer.id),
    listPairs(db, dataset.id, { ...(list.metric ? {} : list), ids, after: list.after, limit: PAGE }),
    pairEditTypes(db, dataset.id),
    datasetEditTypes(db, dataset.id),
  ]);
  const lastId = page.rows.at(-1)?.pairId;
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/pairs" />
      <div className="grid grid-cols-[minmax(0,1fr)_22rem] gap-6 px-4 py-4">
        <div className="min-w-0 space-y-5">
          <PairsSummary datasetId={dataset.id} overview={overview} reviewer={reviewer.name} canLabel={can.review} />
          <section className="space-y-2">
            <PairFilters
              datasetId={dataset.id}
              params={list}
              editTypes={pairTypes.map((entry) => entry.editType)}
              metricText={metricText}
              matching={ids ? ids.length : null}
            />
            <PairList datasetId={dataset.id} rows={page.rows} canLabel={can.review} />
            <div className="flex gap-3 text-sm">
              {list.after ? (
                <Link
                  href={`/datasets/${dataset.id}/pairs${pairListSearch({ ...list, after: undefined })}`}
                  className="text-neutral-400 hover:text-neutral-100"
                >
                  ← First page
                </Link>
              ) : null}
              {page.hasMore && lastId ? (
                <Link
                  href={`/datasets/${dataset.id}/pairs${pairListSearch({ ...list, after: lastId })}`}
                  className="text-neutral-400 hover:text-neutral-100"
                  data-testid="next-page"
                >
                  Next page →
                </Link>
              ) : null}
            </div>
          </section>
        </div>
        {/* Mining pairs is an admin action: others see the pairs without the form. */}
        <aside>{can.admin && <MinePairsForm datasetId={dataset.id} threshold={dataset.threshold} editTypes={allTypes} />}</aside>
      </div>
    </div>
  );
}
