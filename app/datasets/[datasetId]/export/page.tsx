import { connection } from "next/server";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { ExportDownloads, type ExportFileEntry } from "@/components/export/export-downloads";
import { ExportDryRun } from "@/components/export/export-dry-run";
import { ExportTypeFilter } from "@/components/export/export-type-filter";
import { GoldFilterForm } from "@/components/export/gold-filter-form";
import { LicenceNote } from "@/components/export/licence-note";
import { RubricSummary } from "@/components/export/rubric-summary";
import { facetCounts } from "@/lib/db/queries/browse";
import { goldExclusion } from "@/lib/db/queries/gold";
import { countImportedRows } from "@/lib/db/queries/imports";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { EXPORT_FILES, LICENCE_NOTE } from "@/lib/export/export-dataset";
import { EXPORT_SOURCES, MANIFEST_FILE } from "@/lib/export/registry";
import { exportTypesSearch, parseExportTypes } from "@/lib/export/selection-url";
import { datasetMetadata } from "@/lib/pages/metadata";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = datasetMetadata("Export");

export default async function ExportPage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset } = await loadDatasetOr404(datasetId, "/export");
  const query = await searchParams;
  const editTypes = parseExportTypes(query);
  const minGoldText = [query.min_gold].flat()[0];
  const minGold = minGoldText ? Number(minGoldText) : NaN;
  const minGoldAccuracy = minGold >= 0 && minGold <= 1 ? minGold : null;
  const facets = await facetCounts(db, dataset.id, {});
  const imported = await countImportedRows(db, dataset.id, editTypes);
  const typesSearch = exportTypesSearch(editTypes);
  // The gold cut rides along on the download links (?min_gold=), like the edit types.
  const search = minGoldAccuracy === null ? typesSearch : `${typesSearch}${typesSearch ? "&" : "?"}min_gold=${minGoldAccuracy}`;
  const exclusion = minGoldAccuracy === null ? null : await goldExclusion(db, dataset.id, minGoldAccuracy);

  const maxRowsByFile: Record<string, number> = {
    [EXPORT_FILES.sft]: imported.sft,
    [EXPORT_FILES.preference]: imported.preference,
    [EXPORT_FILES.multi_turn]: imported.multi_turn,
  };
  const files: ExportFileEntry[] = [
    ...Object.entries(EXPORT_SOURCES).map(([name, source]) => ({
      name,
      description: source.description,
      maxRows: maxRowsByFile[name] ?? null,
    })),
    {
      name: MANIFEST_FILE,
      description: "Counts per file from a dry run, rubric, filters and licence (takes as long as the dry run).",
      maxRows: null,
    },
  ];
  const options = facets
    .map((facet) => ({ editType: facet.editType, count: facet.items, isKnown: facet.isKnownType }))
    .sort((a, b) => a.editType.localeCompare(b.editType));

  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/export" />
      <div className="mx-auto max-w-6xl space-y-6 px-6 py-8">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Export {dataset.name}</h1>
          <p className="mt-1 max-w-3xl text-sm text-neutral-400">
            The Pico-Banana format with your decisions applied: unchanged rows are written byte for byte as imported, changed rows only have
            the changed paths rewritten, rows without a passing edit are dropped.
          </p>
        </div>
        <LicenceNote note={LICENCE_NOTE} isDemo={dataset.isDemo} />
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="space-y-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <ExportTypeFilter options={options} selected={editTypes} />
              {editTypes.length > 0 && (
                <span className="text-xs text-neutral-500">
                  Filtered to {editTypes.join(", ")}; multi-turn sessions are exported whole.
                </span>
              )}
            </div>
            <GoldFilterForm
              editTypes={editTypes}
              summary={
                exclusion && {
                  minimum: exclusion.min_gold_accuracy,
                  excludedReviewers: exclusion.excluded_reviewers,
                  decisionsLeftOut: exclusion.decisions_left_out,
                  itemsRedecided: exclusion.overrides.size,
                }
              }
            />
            <ExportDownloads datasetId={dataset.id} files={files} search={search} />
            <ExportDryRun datasetId={dataset.id} search={search} />
            <p className="text-xs text-neutral-500">
              From a terminal:{" "}
              <code className="text-neutral-300">npm run export -- --dataset {JSON.stringify(dataset.name)} --out DIR</code> writes all
              files and manifest.json in one run.
            </p>
          </div>
          <RubricSummary dataset={dataset} />
        </div>
      </div>
    </div>
  );
}
