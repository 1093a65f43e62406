import Link from "next/link";
import { connection } from "next/server";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { ReviewerStats } from "@/components/agreement/reviewer-stats";
import { VerdictAgreementView } from "@/components/agreement/verdict-agreement";
import { AgreementView } from "@/components/pairs/agreement-view";
import { parseSelectedMetric } from "@/lib/agreement/url";
import { loadAgreement } from "@/lib/db/queries/agreement";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { datasetMetadata } from "@/lib/pages/metadata";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = datasetMetadata("Agreement");

export default async function AgreementPage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/pairs/agreement");
  // One loader for the page, GET /api/datasets/<id>/agreement and `npm run agreement`.
  const { verdicts, pairs: summary, json } = await loadAgreement(db, dataset);
  const selected = parseSelectedMetric(await searchParams);
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/pairs" />
      <div className="space-y-4 px-4 py-4">
        <VerdictAgreementView datasetId={dataset.id} agreement={verdicts} selected={selected} />
        <ReviewerStats
          activity={json.reviewers_activity.reviewers}
          gold={json.gold.reviewers}
          sessionGapSeconds={json.reviewers_activity.session_gap_seconds}
          goldItems={json.gold.items_answered}
        />
        <div className="flex items-baseline gap-4 pt-4">
          <Link href={`/datasets/${dataset.id}/pairs`} className="text-sm text-neutral-400 hover:text-neutral-100">
            ← Pairs
          </Link>
          <h2 className="text-lg font-semibold">Agreement on preference labels</h2>
          <span className="text-sm text-neutral-500">{summary.labels} live labels · every number links to its pairs</span>
        </div>
        <AgreementView datasetId={dataset.id} summary={summary} />
      </div>
    </div>
  );
}
