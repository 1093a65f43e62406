// Browse state that lives in the URL: filters and sort, parsed with one zod schema on the server
// (page, API route) and written by the client controls. Short keys keep shared links readable.
import { z } from "zod";

export const SORTS = ["score_desc", "score_asc", "uncertainty", "newest", "type"] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  score_desc: "Judge score, high → low",
  score_asc: "Judge score, low → high",
  uncertainty: "Uncertainty (nearest the threshold)",
  newest: "Newest",
  type: "Edit type",
};

const flag = z.enum(["1", "0"]).optional();
const unit = z.coerce.number().min(0).max(1).optional();

export const browseFiltersSchema = z.object({
  group: z.string().max(200).optional(),
  type: z.string().max(300).optional(),
  eff: z.enum(["pass", "fail", "unresolved"]).optional(),
  judge: z.enum(["pass", "fail", "none"]).optional(),
  human: z.enum(["pass", "fail", "unresolved", "none"]).optional(),
  min: unit,
  max: unit,
  dis: flag,
  rev: flag,
  pair: flag,
  mt: flag,
  same: flag,
  q: z.string().trim().max(200).optional(),
  sort: z.enum(SORTS).optional(),
});

export type BrowseFilters = z.infer<typeof browseFiltersSchema>;

export const FILTER_KEYS = Object.keys(browseFiltersSchema.shape) as (keyof BrowseFilters)[];

/** Parses URL search params; invalid values are dropped (a bad link still opens the page). */
export function parseBrowseFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): BrowseFilters {
  const entries: Record<string, string> = {};
  const get = (key: string) => (params instanceof URLSearchParams ? (params.get(key) ?? undefined) : [params[key]].flat()[0]);
  for (const key of FILTER_KEYS) {
    const value = get(key);
    if (value !== undefined && value !== "") entries[key] = value;
  }
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(entries) as (keyof BrowseFilters)[]) {
    const field = browseFiltersSchema.shape[key].safeParse(entries[key]);
    if (field.success && field.data !== undefined) result[key] = field.data;
  }
  return result as BrowseFilters;
}

export function filtersToSearch(filters: BrowseFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function withFilter(filters: BrowseFilters, change: Partial<BrowseFilters>): BrowseFilters {
  const next: BrowseFilters = { ...filters, ...change };
  for (const key of FILTER_KEYS) if (next[key] === undefined) delete next[key];
  return next;
}
