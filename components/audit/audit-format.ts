// Number formatting and item links shared by the audit components (server and client). Every
// number on the audit page is one of the report's numbers, rounded here and nowhere else.
import { filtersToSearch, type BrowseFilters } from "@/lib/browse/filters";
import { auditSliceToSearch, type AuditSlice } from "@/lib/audit/slice";

export const DASH = "—";

export function pct(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined ? DASH : `${(value * 100).toFixed(digits)}%`;
}

export function num(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined ? DASH : value.toFixed(digits);
}

export function interval(ci: [number, number] | null | undefined, format: (value: number) => string = (value) => num(value)): string {
  return ci ? `${format(ci[0])} – ${format(ci[1])}` : "";
}

export const pctInterval = (ci: [number, number] | null | undefined) => interval(ci, (value) => pct(value));

/** Browse URL for the items behind a number: the slice's type/group plus the given filters. */
export function itemsHref(datasetId: number, slice: AuditSlice, filters: BrowseFilters = {}): string {
  const category: BrowseFilters = slice.type ? { type: slice.type } : slice.group ? { group: slice.group } : {};
  return `/datasets/${datasetId}${filtersToSearch({ ...category, ...filters })}`;
}

/** The audit page under another slice (links from a row to its own audit). */
export function auditHref(datasetId: number, slice: AuditSlice): string {
  return `/datasets/${datasetId}/audit${auditSliceToSearch(slice)}`;
}
