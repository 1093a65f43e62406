// Browse state that lives in the URL: filters and sort. One nuqs parser map is the definition:
// the server (page, API routes) reads it with the loader, links are written with the serializer,
// and the filter bar sets it with useQueryStates. Short keys keep shared links readable.
import { createLoader, createParser, createSerializer } from "nuqs/server";
import {
  parseAsBoundedNumber,
  parseAsFlag,
  parseAsStringLiteral,
  parseAsText,
  withoutNulls,
  type SearchInput,
  type UrlState,
} from "../url/parsers";

export const SORTS = ["score_desc", "score_asc", "uncertainty", "newest", "type"] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  score_desc: "Judge score, high → low",
  score_asc: "Judge score, low → high",
  uncertainty: "Uncertainty (nearest the threshold)",
  newest: "Newest",
  type: "Edit type",
};

const unit = parseAsBoundedNumber(0, 1);

/** The browse filters' URL keys and how each is read; the key order is the order links list them in. */
export const browseFilterParsers = {
  group: parseAsText(200),
  type: parseAsText(300),
  eff: parseAsStringLiteral(["pass", "fail", "unresolved"] as const),
  judge: parseAsStringLiteral(["pass", "fail", "none"] as const),
  human: parseAsStringLiteral(["pass", "fail", "unresolved", "none"] as const),
  min: unit,
  max: unit,
  dis: parseAsFlag,
  rev: parseAsFlag,
  pair: parseAsFlag,
  mt: parseAsFlag,
  same: parseAsFlag,
  q: parseAsText(200, { trim: true }),
  sort: parseAsStringLiteral(SORTS),
};

/** Filters with absent keys left out (the form the queries and the UI use). */
export type BrowseFilters = UrlState<typeof browseFilterParsers>;

export const FILTER_KEYS = Object.keys(browseFilterParsers) as (keyof BrowseFilters)[];

const loadBrowseFilters = createLoader(browseFilterParsers);
const serializeBrowseFilters = createSerializer(browseFilterParsers);

/** Parses URL search params; invalid values are dropped (a bad link still opens the page). */
export function parseBrowseFilters(params: SearchInput): BrowseFilters {
  return withoutNulls(loadBrowseFilters(params));
}

export function filtersToSearch(filters: BrowseFilters): string {
  return serializeBrowseFilters(filters);
}

/** The review walk over a filter (queue/walk): the filters plus the title its progress bar shows. */
export const walkParsers = {
  ...browseFilterParsers,
  title: createParser<string>({ parse: (raw) => raw.trim().slice(0, 80) || null, serialize: (value) => value }),
};
const loadWalk = createLoader(walkParsers);
const serializeWalk = createSerializer(walkParsers);

export function walkHref(datasetId: number, filters: BrowseFilters, title: string): string {
  return `/datasets/${datasetId}/queue/walk${serializeWalk({ ...filters, title })}`;
}

/** The walk page's reading: its filters and title (a default when the link has none). */
export function parseWalk(params: SearchInput): { filters: BrowseFilters; title: string } {
  const { title, ...filters } = withoutNulls(loadWalk(params));
  return { filters, title: title ?? "Queue" };
}

export function withFilter(filters: BrowseFilters, change: Partial<BrowseFilters>): BrowseFilters {
  const next: BrowseFilters = { ...filters, ...change };
  for (const key of FILTER_KEYS) if (next[key] === undefined) delete next[key];
  return next;
}
