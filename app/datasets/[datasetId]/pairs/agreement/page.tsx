import Link from "next/link";
import { connection } from "next/server";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { AgreementView } from "@/components/pairs/agreement-view";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { agreementPairs, liveLabels } from "@/lib/db/queries/pairs-labels";
import { agreementSummary } from "@/lib/pairs/agreement";

type Props = { params: Promise<{ datasetId: string }> };

export default async function AgreementPage({ params }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId);
  const labels = await liveLabels(db, dataset.id);
  const summary = agreementSummary(labels, await agreementPairs(db, labels.map((label) => label.pairId)));
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/pairs" />
      <div className="space-y-4 px-4 py-4">
        <div className="flex items-baseline gap-4">
          <Link href={`/datasets/${dataset.id}/pairs`} className="text-sm text-neutral-400 hover:text-neutral-100">← Pairs</Link>
          <h2 className="text-lg font-semibold">Agreement on preference labels</h2>
          <span className="text-sm text-neutral-500">{summary.labels} live labels · every number links to its pairs</span>
        </div>
        <AgreementView datasetId={dataset.id} summary={summary} />
      </div>
    </div>
  );
}
