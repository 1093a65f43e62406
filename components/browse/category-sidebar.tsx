"use client";
// The 8 groups and 35 edit types with live counts; unknown types and multi-turn turns listed too.
// Items · reviewed · judge pass rate · human override rate, and the paper's success rate.
import Link from "next/link";
import { useState } from "react";
import { filtersToSearch, withFilter, type BrowseFilters } from "@/lib/browse/filters";
import { formatRate, rate, type FacetCounts, type FacetGroup } from "@/lib/browse/facets";

type Props = { datasetId: number; filters: BrowseFilters; groups: FacetGroup[]; total: FacetCounts };

function Counts({ counts, paperRate }: { counts: FacetCounts; paperRate?: number | null }) {
  const passRate = rate(counts.judgePass, counts.judged);
  const overrideRate = rate(counts.disagreements, counts.bothLabelled);
  return (
    <span className="flex shrink-0 items-center gap-2 text-[11px] tabular-nums text-neutral-400">
      <span title="items" className="text-neutral-200">{counts.items.toLocaleString()}</span>
      <span title="reviewed by a person">✓{counts.reviewed.toLocaleString()}</span>
      <span title="judge pass rate (of judged items)" className="text-emerald-300/80">{formatRate(passRate)}</span>
      <span title="human override rate (judge verdict overturned, of items with both)" className={overrideRate ? "text-rose-300/90" : ""}>↺{formatRate(overrideRate)}</span>
      {paperRate !== undefined && paperRate !== null && <span title="success rate stated in the Pico-Banana paper" className="text-sky-300/80">p{Math.round(paperRate * 100)}%</span>}
    </span>
  );
}

export function CategorySidebar({ datasetId, filters, groups, total }: Props) {
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  const href = (change: Partial<BrowseFilters>) => `/datasets/${datasetId}${filtersToSearch(withFilter(filters, { ...change }))}`;
  const isAll = !filters.type && !filters.group;
  return (
    <nav aria-label="Edit categories" className="text-sm" data-testid="category-sidebar">
      <div className="mb-2 flex items-center justify-between px-2 text-[11px] uppercase tracking-wide text-neutral-500">
        <span>Category</span>
        <span title="items · reviewed · judge pass · override · paper">n · ✓ · pass · ↺ · paper</span>
      </div>
      <Link href={href({ type: undefined, group: undefined })} className={`flex items-center justify-between gap-2 rounded px-2 py-1.5 ${isAll ? "bg-amber-500/15 text-amber-200" : "hover:bg-neutral-800"}`}>
        <span className="font-medium">All edit types</span>
        <Counts counts={total} />
      </Link>
      <ul className="mt-1 space-y-1">
        {groups.map((group) => {
          const isOpen = !collapsed[group.group];
          const isGroupActive = filters.group === group.group && !filters.type;
          return (
            <li key={group.group}>
              <div className={`flex items-center gap-1 rounded ${isGroupActive ? "bg-amber-500/15 text-amber-200" : "hover:bg-neutral-800/70"}`}>
                <button type="button" aria-label={`${isOpen ? "Collapse" : "Expand"} ${group.group}`} aria-expanded={isOpen} onClick={() => setCollapsed((state) => ({ ...state, [group.group]: isOpen }))} className="px-1 text-neutral-500 hover:text-neutral-200">
                  {isOpen ? "▾" : "▸"}
                </button>
                <Link href={href({ group: group.group, type: undefined })} className="flex min-w-0 flex-1 items-center justify-between gap-2 py-1.5 pr-2" data-testid="group-link">
                  <span className="truncate font-medium">{group.group}</span>
                  <Counts counts={group} />
                </Link>
              </div>
              {isOpen && (
                <ul className="ml-5 border-l border-neutral-800">
                  {group.types.map((type) => {
                    const isActive = filters.type === type.editType;
                    return (
                      <li key={type.editType}>
                        <Link
                          href={href({ type: type.editType, group: group.group })}
                          className={`flex items-center justify-between gap-2 rounded-r px-2 py-1 ${isActive ? "bg-amber-500/15 text-amber-200" : type.items === 0 ? "text-neutral-500 hover:bg-neutral-800/60" : "hover:bg-neutral-800/60"}`}
                          title={type.info ? type.info.paperName : "Not one of the 35 Pico-Banana edit types (kept as imported)"}
                          data-testid="type-link"
                        >
                          <span className="truncate">
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
