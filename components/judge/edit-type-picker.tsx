"use client";
// Edit types to judge, grouped as in the taxonomy, each with its candidate and unjudged counts.
// Nothing ticked means every type.
import { useMemo, useState } from "react";
import type { JudgeTypeOption } from "@/lib/judge/types";
import { GROUPS } from "@/lib/taxonomy";

type Props = { types: JudgeTypeOption[]; selected: string[]; onChange: (next: string[]) => void };

export function EditTypePicker({ types, selected, onChange }: Props) {
  const [query, setQuery] = useState("");
  const groups = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const byGroup = new Map<string, JudgeTypeOption[]>();
    for (const type of types) {
      if (needle && !type.editType.toLowerCase().includes(needle) && !type.group.toLowerCase().includes(needle)) continue;
      byGroup.set(type.group, [...(byGroup.get(type.group) ?? []), type]);
    }
    // Taxonomy order, then groups the taxonomy does not know (multi-turn, unknown types).
    const rank = (group: string) => (GROUPS.includes(group) ? GROUPS.indexOf(group) : GROUPS.length);
    return [...byGroup.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  }, [types, query]);
  const toggle = (editType: string) =>
    onChange(selected.includes(editType) ? selected.filter((value) => value !== editType) : [...selected, editType]);

  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2 text-sm">
        <span className="whitespace-nowrap">
          Edit types <span className="text-neutral-500">({selected.length ? `${selected.length} chosen` : "all"})</span>
        </span>
        {selected.length > 0 && (
          <button type="button" onClick={() => onChange([])} className="text-xs text-neutral-400 underline">
            clear
          </button>
        )}
        <input
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="filter types"
          aria-label="Filter edit types"
          className="ml-auto w-0 min-w-0 max-w-40 flex-1 rounded border border-neutral-700 bg-neutral-900 px-2 py-0.5 text-xs"
        />
      </div>
      <p className="text-right text-[11px] text-neutral-500">candidates · not judged yet</p>
      <div className="max-h-56 overflow-y-auto rounded border border-neutral-800 p-2 text-xs" data-testid="edit-type-picker">
        {groups.map(([group, members]) => (
          <div key={group} className="mb-1.5">
            <div className="text-[11px] font-semibold uppercase tracking-wide text-neutral-500">{group}</div>
            {members.map((type) => (
              <label key={type.editType} className="flex items-center gap-2 py-0.5">
                <input type="checkbox" checked={selected.includes(type.editType)} onChange={() => toggle(type.editType)} />
                <span className="flex-1 truncate" title={type.editType}>
                  {type.editType}
                </span>
                <span className="tabular-nums text-neutral-500" title="candidates · not judged yet">
                  {type.candidates} · {type.unjudged}
                </span>
              </label>
            ))}
          </div>
        ))}
        {groups.length === 0 && <p className="text-neutral-500">No edit type matches.</p>}
      </div>
    </div>
  );
}
