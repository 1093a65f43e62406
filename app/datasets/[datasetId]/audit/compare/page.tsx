import type { Metadata } from "next";
import { connection } from "next/server";
import { JudgeComparisonView, JudgePicker } from "@/components/audit/judge-comparison";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { parseAuditSlice } from "@/lib/audit/slice";
import { comparableJudgeIds, comparePairSchema, loadJudgeComparison } from "@/lib/db/queries/audit-compare";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Compare judges · Ripe" };

const first = (value: string | string[] | undefined) => [value].flat()[0] ?? "";

export default async function CompareJudgesPage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/audit/compare");
  const query = await searchParams;
  const judgeIds = await comparableJudgeIds(db, dataset.id);
  const asked = { a: first(query.a), b: first(query.b) };
  const parsed = comparePairSchema.safeParse(asked);
  const errors: string[] = [];
  if (asked.a || asked.b) {
    if (!parsed.success) errors.push(...parsed.error.issues.map((issue) => `${String(issue.path[0] ?? "judges")}: ${issue.message}`));
    for (const [key, id] of Object.entries(asked))
      if (id && !judgeIds.includes(id)) errors.push(`${key}: no verdicts from judge "${id}" on reviewed items of this dataset`);
  }
  const comparison =
    parsed.success && errors.length === 0
      ? await loadJudgeComparison(db, dataset, parseAuditSlice(query), parsed.data.a, parsed.data.b)
      : null;
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/audit" />
      <div className="space-y-4 px-4 py-4">
        <JudgePicker datasetId={dataset.id} judgeIds={judgeIds} a={asked.a} b={asked.b} errors={errors} />
        {comparison && <JudgeComparisonView comparison={comparison} />}
      </div>
    </div>
  );
}
