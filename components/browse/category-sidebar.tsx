"use client";
// The 8 groups and 35 edit types with live counts; unknown types and multi-turn turns listed too.
// Items · reviewed · judge pass rate · human override rate, and the paper's success rate, in
// aligned columns explained by the header's tooltips and a legend.
import Link from "next/link";
import { useState } from "react";
import { filtersToSearch, withFilter, type BrowseFilters } from "@/lib/browse/filters";
import { formatRate, rate, type FacetCounts, type FacetGroup } from "@/lib/browse/facets";

type Props = { datasetId: number; filters: BrowseFilters; groups: FacetGroup[]; total: FacetCounts };

/** The count columns: one definition for the header, its legend and every row, so they line up. */
const COLUMNS = [
  { key: "items", head: "N", title: "Items (candidates) of this type" },
  { key: "reviewed", head: "✓", title: "Reviewed by a person" },
  { key: "pass", head: "Pass", title: "Judge pass rate, of judged items" },
  { key: "override", head: "↺", title: "Human override rate: judge verdict overturned, of items both judged and reviewed" },
  { key: "paper", head: "Paper", title: "Success rate the Pico-Banana paper states for this type" },
] as const;
// Fixed widths (N, ✓, pass, ↺, paper): every row's numbers sit in the same columns, paper rate or not.
const COLUMN_GRID = "grid shrink-0 grid-cols-[2.3rem_1.9rem_2.4rem_2.4rem_2.4rem] text-right";

function Counts({ counts, paperRate }: { counts: FacetCounts; paperRate?: number | null }) {
  const passRate = rate(counts.judgePass, counts.judged);
  const overrideRate = rate(counts.disagreements, counts.bothLabelled);
  return (
    <span className={`${COLUMN_GRID} text-[11px] tabular-nums text-neutral-400`}>
      <span title={COLUMNS[0].title} className="text-neutral-200">
        {counts.items.toLocaleString()}
      </span>
      <span title={COLUMNS[1].title}>{counts.reviewed.toLocaleString()}</span>
      <span title={COLUMNS[2].title} className="text-emerald-300/90">
        {formatRate(passRate)}
      </span>
      <span title={COLUMNS[3].title} className={overrideRate ? "text-rose-300" : ""}>
        {formatRate(overrideRate)}
      </span>
      <span title={COLUMNS[4].title} className="text-sky-300/90">
        {paperRate !== undefined && paperRate !== null ? `${Math.round(paperRate * 100)}%` : ""}
      </span>
    </span>
  );
}

function ColumnHeads() {
  return (
    <div className="mb-1 flex items-end justify-between gap-2 px-2 text-[11px] uppercase tracking-wide text-neutral-400">
      <span>Category</span>
      <span className={COLUMN_GRID}>
        {COLUMNS.map((column) => (
          <abbr key={column.key} title={column.title} className="cursor-help tracking-normal no-underline">
            {column.head}
          </abbr>
        ))}
      </span>
    </div>
  );
}

function Legend() {
  return (
    <details className="mb-2 px-2 text-[11px] text-neutral-400">
      <summary className="cursor-pointer select-none hover:text-neutral-200">What the columns mean</summary>
      <dl className="mt-1 grid grid-cols-[2.6rem_1fr] gap-x-2 gap-y-0.5">
        {COLUMNS.map((column) => (
          <div key={column.key} className="contents">
            <dt className="font-medium uppercase text-neutral-300">{column.head}</dt>
            <dd>{column.title}.</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** An edit type with no items in this dataset stays listed, greyed. */
const EMPTY_TYPE = "text-neutral-500 hover:bg-neutral-800/60";

export function CategorySidebar({ datasetId, filters, groups, total }: Props) {
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  const href = (change: Partial<BrowseFilters>) => `/datasets/${datasetId}${filtersToSearch(withFilter(filters, { ...change }))}`;
  const isAll = !filters.type && !filters.group;
  return (
    <nav aria-label="Edit categories" className="text-sm" data-testid="category-sidebar">
      <ColumnHeads />
      <Legend />
      <Link
        href={href({ type: undefined, group: undefined })}
        className={`flex items-center justify-between gap-2 rounded px-2 py-1.5 ${isAll ? "bg-amber-500/15 text-amber-200" : "hover:bg-neutral-800"}`}
      >
        <span className="font-medium">All edit types</span>
        <Counts counts={total} />
      </Link>
      <ul className="mt-1 space-y-1">
        {groups.map((group) => {
          const isOpen = !collapsed[group.group];
          const isGroupActive = filters.group === group.group && !filters.type;
          return (
            <li key={group.group}>
              <div
                className={`flex items-center gap-1 rounded ${isGroupActive ? "bg-amber-500/15 text-amber-200" : "hover:bg-neutral-800/70"}`}
              >
                <button
                  type="button"
                  aria-label={`${isOpen ? "Collapse" : "Expand"} ${group.group}`}
                  aria-expanded={isOpen}
                  onClick={() => setCollapsed((state) => ({ ...state, [group.group]: isOpen }))}
                  className="px-1 text-neutral-500 hover:text-neutral-200"
                >
                  {isOpen ? "▾" : "▸"}
                </button>
                <Link
                  href={href({ group: group.group, type: undefined })}
                  title={group.group}
                  className="flex min-w-0 flex-1 items-center justify-between gap-2 py-1.5 pr-2"
                  data-testid="group-link"
                >
                  <span className="min-w-0 truncate font-medium">{group.group}</span>
                  <Counts counts={group} />
                </Link>
              </div>
              {isOpen && (
                <ul className="ml-5 border-l border-neutral-800">
                  {group.types.map((type) => {
                    const isActive = filters.type === type.editType;
                    const tone = isActive ? "bg-amber-500/15 text-amber-200" : type.items === 0 ? EMPTY_TYPE : "hover:bg-neutral-800/60";
                    return (
                      <li key={type.editType}>
                        <Link
                          href={href({ type: type.editType, group: group.group })}
                          className={`flex items-center justify-between gap-2 rounded-r px-2 py-1 ${tone}`}
                          title={
                            type.info
                              ? type.info.paperName && type.info.paperName !== type.editType
                                ? `${type.editType}\n(paper: ${type.info.paperName})`
                                : type.editType
                              : `${type.editType}\nNot one of the 35 Pico-Banana edit types (kept as imported)`
                          }
                          data-testid="type-link"
                        >
                          <span className="min-w-0 truncate">
                            {type.editType}
                            {!type.info && <span className="ml-1 rounded bg-neutral-800 px-1 text-[10px] text-amber-300">unknown</span>}
                          </span>
                          <Counts counts={type} paperRate={type.info?.paperSuccessRate} />
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
