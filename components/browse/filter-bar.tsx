"use client";
// Filters and sort, all in the URL (shareable; back button works). Each change pushes a history
// entry through nuqs with the same parsers the page reads; the text box waits for a pause in typing.
import { useQueryStates } from "nuqs";
import { useEffect, useEffectEvent, useState, useTransition } from "react";
import { browseFilterParsers, filtersToSearch, SORT_LABELS, SORTS, walkHref, type BrowseFilters, type Sort } from "@/lib/browse/filters";
import { toUrlUpdate } from "@/lib/url/parsers";

type Props = {
  datasetId: number;
  filters: BrowseFilters;
  matching: number;
  threshold: number;
  /** Links to pages the account may open only (a viewer neither reviews nor judges). */
  can: { review: boolean; admin: boolean };
};

/** The three verdict filters: URL key, label, and the values each can take. */
const VERDICT_FILTERS: { key: "eff" | "judge" | "human"; label: string; options: [string, string][] }[] = [
  {
    key: "eff",
    label: "Effective",
    options: [
      ["pass", "pass"],
      ["fail", "fail"],
      ["unresolved", "unresolved"],
    ],
  },
  {
    key: "judge",
    label: "Judge",
    options: [
      ["pass", "pass"],
      ["fail", "fail"],
      ["none", "not judged"],
    ],
  },
  {
    key: "human",
    label: "Human",
    options: [
      ["pass", "accepted"],
      ["fail", "rejected"],
      ["unresolved", "unresolved"],
      ["none", "not reviewed"],
    ],
  },
];

const selectClass = "rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm";

/** Only (1), excluded (0) or off: amber, rose, plain. */
const TOGGLE_TONE = {
  "1": "border-amber-400 bg-amber-500/15 text-amber-200",
  "0": "border-rose-400/70 bg-rose-500/10 text-rose-200",
  off: "border-neutral-700 text-neutral-300 hover:border-neutral-500",
};

function Toggle({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: "1" | "0" | undefined;
  onChange: (value: "1" | "0" | undefined) => void;
  testId: string;
}) {
  const next = value === undefined ? "1" : value === "1" ? "0" : undefined;
  const text = value === undefined ? label : value === "1" ? label : `not ${label}`;
  return (
    <button
      type="button"
      data-testid={testId}
      aria-pressed={value !== undefined}
      onClick={() => onChange(next)}
      title="Click: only · again: exclude · again: off"
      className={`rounded-full border px-2.5 py-1 text-xs ${TOGGLE_TONE[value ?? "off"]}`}
    >
      {text}
    </button>
  );
}

export function FilterBar({ datasetId, filters, matching, threshold, can }: Props) {
  const [isPending, startTransition] = useTransition();
  // shallow: false re-renders the server page (grid, counts) for the new filters.
  const [, setUrl] = useQueryStates(browseFilterParsers, { history: "push", shallow: false, scroll: false, startTransition });
  const [query, setQuery] = useState(filters.q ?? "");
  const go = (change: Partial<BrowseFilters>) => void setUrl(toUrlUpdate(change));
  // The URL's search text wins when it changes (back button, a shared link): adjusted while rendering.
  const [urlQuery, setUrlQuery] = useState(filters.q);
  if (urlQuery !== filters.q) {
    setUrlQuery(filters.q);
    setQuery(filters.q ?? "");
  }
  // Typing searches after a pause; the latest filters are read when the pause ends.
  const search = useEffectEvent((text: string) => {
    if ((filters.q ?? "") !== text) go({ q: text || undefined });
  });
  useEffect(() => {
    const timer = setTimeout(() => search(query.trim()), 300);
    return () => clearTimeout(timer);
  }, [query]);
  const hasFilters = Object.keys(filters).some((key) => key !== "sort" && key !== "type" && key !== "group");

  return (
    <div className="space-y-2 border-b border-neutral-800 pb-3" data-testid="filter-bar">
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="Words or word starts, both instructions…"
          aria-label="Search instructions"
          title="Finds items whose instructions have words starting with each word you type (sky → sky, skyline)"
          className="min-w-[14rem] max-w-sm flex-1 rounded border border-neutral-700 bg-neutral-900 px-3 py-1.5 text-sm placeholder:text-neutral-500"
        />
        {VERDICT_FILTERS.map(({ key, label, options }) => (
          <label key={key} className="flex shrink-0 items-center gap-1 text-xs text-neutral-400">
            {label}
            <select
              aria-label={`${label} verdict`}
              className={selectClass}
              value={filters[key] ?? ""}
              onChange={(event) => go({ [key]: event.target.value || undefined })}
            >
              <option value="">any</option>
              {options.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="flex shrink-0 items-center gap-1 text-xs text-neutral-400" title={`Judge overall score; threshold ${threshold}`}>
          Score
          <input
            aria-label="Minimum judge score"
            type="number"
            min={0}
            max={1}
            step={0.05}
            defaultValue={filters.min ?? ""}
            key={`min-${filters.min}`}
            onBlur={(event) => go({ min: event.target.value === "" ? undefined : Number(event.target.value) })}
            className={`${selectClass} w-16`}
            placeholder="0"
          />
          –
          <input
            aria-label="Maximum judge score"
            type="number"
            min={0}
            max={1}
            step={0.05}
            defaultValue={filters.max ?? ""}
            key={`max-${filters.max}`}
            onBlur={(event) => go({ max: event.target.value === "" ? undefined : Number(event.target.value) })}
            className={`${selectClass} w-16`}
            placeholder="1"
          />
        </label>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <Toggle label="judge ≠ human" testId="toggle-disagreement" value={filters.dis} onChange={(value) => go({ dis: value })} />
          <Toggle label="reviewed" testId="toggle-reviewed" value={filters.rev} onChange={(value) => go({ rev: value })} />
          <Toggle label="in a preference pair" testId="toggle-pair" value={filters.pair} onChange={(value) => go({ pair: value })} />
          <Toggle label="multi-turn" testId="toggle-multi-turn" value={filters.mt} onChange={(value) => go({ mt: value })} />
          <Toggle
            label="long = short instruction"
            testId="toggle-identical"
            value={filters.same}
            onChange={(value) => go({ same: value })}
          />
        </div>
        <div className="flex shrink-0 items-center gap-2">
          <label className="flex shrink-0 items-center gap-1 text-xs text-neutral-400">
            Sort
            <select
              aria-label="Sort"
              className={selectClass}
              value={filters.sort ?? "newest"}
              onChange={(event) => go({ sort: event.target.value as Sort })}
            >
              {SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {SORT_LABELS[sort]}
                </option>
              ))}
            </select>
          </label>
          {can.review && (
            <a
              href={walkHref(datasetId, filters, "Browse filter")}
              className="rounded bg-neutral-800 px-2 py-0.5 text-xs hover:bg-neutral-700"
              title="Walk these items with auto-advance"
            >
              Review these
            </a>
          )}
          {can.admin && (
            <a
              href={`/datasets/${datasetId}/judge${filtersToSearch(filters)}`}
              className="rounded bg-neutral-800 px-2 py-0.5 text-xs hover:bg-neutral-700"
              title="Run a judge over these items"
            >
              Judge these
            </a>
          )}
          <span className="text-xs text-neutral-400" data-testid="match-count">
            {isPending ? "Updating…" : `${matching.toLocaleString()} matching`}
          </span>
          {hasFilters && (
            <button
              type="button"
              className="text-xs text-amber-300 hover:underline"
              onClick={() =>
                go({
                  eff: undefined,
                  judge: undefined,
                  human: undefined,
                  min: undefined,
                  max: undefined,
                  dis: undefined,
                  rev: undefined,
                  pair: undefined,
                  mt: undefined,
                  same: undefined,
                  q: undefined,
                })
              }
            >
              Clear filters
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
