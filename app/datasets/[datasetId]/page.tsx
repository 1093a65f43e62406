import { connection } from "next/server";
import { BrowseShell } from "@/components/browse/browse-shell";
import { ImageHealthNote } from "@/components/browse/image-health-note";
import { SearchIndexNote } from "@/components/browse/search-index-note";
import { CategorySidebar } from "@/components/browse/category-sidebar";
import { CandidateGrid } from "@/components/browse/candidate-grid";
import { FilterBar } from "@/components/browse/filter-bar";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { buildFacetTree } from "@/lib/browse/facets";
import { filtersToSearch, parseBrowseFilters } from "@/lib/browse/filters";
import { blindBrowsePage } from "@/lib/db/queries/blind";
import { countCandidates, facetCounts, listCandidates } from "@/lib/db/queries/browse";
import { expansionFor } from "@/lib/db/queries/browse-sql";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { searchState } from "@/lib/db/queries/search-index";
import { datasetMetadata } from "@/lib/pages/metadata";
import { currentReviewer } from "@/lib/review/current-reviewer";

type Props = { params: Promise<{ datasetId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const generateMetadata = datasetMetadata("Browse");

export default async function BrowsePage({ params, searchParams }: Props) {
  await connection();
  const { datasetId } = await params;
  const { db, dataset, can } = await loadDatasetOr404(datasetId);
  const filters = parseBrowseFilters(await searchParams);
  const reviewer = await currentReviewer(db);
  // The row was read for this request: its search backlog spares each read looking it up again,
  // and the typed words are expanded once for the three reads.
  const read = { searchBacklog: dataset.searchBacklog, expansion: await expansionFor(db, filters) };
  const [facets, matching, fullPage, search] = await Promise.all([
    facetCounts(db, dataset.id, filters, read),
    countCandidates(db, dataset.id, filters, read),
    listCandidates(db, dataset, filters, read),
    searchState(db, dataset.id),
  ]);
  // No anchoring: cards of items colleagues decided and this reviewer has not show no human verdict.
  const page = await blindBrowsePage(db, fullPage, reviewer.id);
  const tree = buildFacetTree(facets);
  const query = filtersToSearch(filters);
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="" />
      <BrowseShell sidebar={<CategorySidebar datasetId={dataset.id} filters={filters} groups={tree.groups} total={tree.total} />}>
        <SearchIndexNote datasetId={dataset.id} initial={search} />
        <ImageHealthNote datasetId={dataset.id} canManage={can.admin} />
        <FilterBar datasetId={dataset.id} filters={filters} matching={matching} threshold={dataset.threshold} can={can} />
        <CandidateGrid key={query} datasetId={dataset.id} search={query} initialPage={page} />
      </BrowseShell>
    </div>
  );
}
