import { connection } from "next/server";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { JudgeWorkspace } from "@/components/judge/judge-workspace";
import { FILTER_KEYS, filtersToSearch, parseBrowseFilters, type BrowseFilters } from "@/lib/browse/filters";
import { countBrowseSelection, judgeTypeOptions } from "@/lib/db/queries/judge-jobs";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { geminiStatus, jobViews } from "@/lib/judge/background";
import { listJobs } from "@/lib/judge/server";
import { datasetMetadata } from "@/lib/pages/metadata";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** "type = Zoom in · judge = none": the browse filter in words (sort does not change the set). */
function describe(filters: BrowseFilters): string {
  return FILTER_KEYS.filter((key) => key !== "sort" && filters[key] !== undefined)
    .map((key) => `${key} = ${String(filters[key])}`)
    .join(" · ");
}

export const generateMetadata = datasetMetadata("Judge");

export default async function JudgePage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/judge");
  const filters = parseBrowseFilters(await searchParams);
  const { sort: _sort, ...selection } = filters;
  const hasBrowseFilter = Object.keys(selection).length > 0;
  const [types, jobs, browseCount] = await Promise.all([
    judgeTypeOptions(db, dataset.id),
    listJobs(db, { datasetId: dataset.id, limit: 50 }),
    hasBrowseFilter ? countBrowseSelection(db, dataset.id, selection) : Promise.resolve(0),
  ]);
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/judge" />
      <JudgeWorkspace
        datasetId={dataset.id}
        types={types}
        gemini={geminiStatus()}
        browse={hasBrowseFilter ? { search: filtersToSearch(selection), count: browseCount, description: describe(selection) } : null}
        initialJobs={await jobViews(db, jobs)}
      />
    </div>
  );
}
