import { connection } from "next/server";
import { AuditDashboard } from "@/components/audit/audit-dashboard";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { parseAuditSlice } from "@/lib/audit/slice";
import { loadAuditReport } from "@/lib/db/queries/audit";
import { judgeTypeOptions } from "@/lib/db/queries/judge-jobs";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { datasetMetadata } from "@/lib/pages/metadata";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = datasetMetadata("Audit");

export default async function AuditPage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset, can } = await loadDatasetOr404(datasetId, "/audit");
  const slice = parseAuditSlice(await searchParams);
  const [report, types] = await Promise.all([loadAuditReport(db, dataset, slice), judgeTypeOptions(db, dataset.id)]);
  const groups = [...new Set(types.map((type) => type.group))];
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/audit" />
      <AuditDashboard
        report={report}
        options={{ groups, types: types.map((type) => ({ editType: type.editType, group: type.group })) }}
        can={can}
      />
    </div>
  );
}
