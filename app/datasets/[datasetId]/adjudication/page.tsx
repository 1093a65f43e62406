import { connection } from "next/server";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { AdjudicationCard } from "@/components/team/adjudication-card";
import { listDisagreements } from "@/lib/db/queries/adjudication";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { datasetMetadata } from "@/lib/pages/metadata";

type Props = { params: Promise<{ datasetId: string }> };

export const generateMetadata = datasetMetadata("Adjudication");

/** For dataset admins: items whose reviewers disagree, open ones first; a ruling becomes the human verdict. */
export default async function AdjudicationPage({ params }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/adjudication");
  const items = await listDisagreements(db, dataset.id);
  const open = items.filter((item) => item.adjudication === null);
  const settled = items.filter((item) => item.adjudication !== null);
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/adjudication" />
      <div className="mx-auto max-w-5xl space-y-6 px-6 py-6">
        <div>
          <h2 className="text-lg font-semibold">Adjudication</h2>
          <p className="mt-1 max-w-3xl text-sm text-neutral-400">
            Items whose reviewers&apos; current verdicts differ. Your ruling becomes the item&apos;s human verdict, the one export and audit
            use; every reviewer&apos;s decision stays in the item&apos;s history. A later ruling replaces an earlier one.
          </p>
        </div>
        <section className="space-y-2">
          <h3 className="text-sm font-semibold text-neutral-300" data-testid="adjudication-open-count">
            To adjudicate: {open.length}
          </h3>
          {open.length === 0 ? (
            <p className="text-sm text-neutral-500">Nothing to adjudicate: no item has reviewers who disagree without a ruling.</p>
          ) : (
            <ul className="space-y-2" data-testid="adjudication-open">
              {open.map((item) => (
                <AdjudicationCard key={item.candidateId} datasetId={dataset.id} item={item} />
              ))}
            </ul>
          )}
        </section>
        {settled.length > 0 && (
          <section className="space-y-2">
            <h3 className="text-sm font-semibold text-neutral-300">Adjudicated: {settled.length}</h3>
            <ul className="space-y-2" data-testid="adjudication-settled">
              {settled.map((item) => (
                <AdjudicationCard key={item.candidateId} datasetId={dataset.id} item={item} />
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
