"use client";
// Narrows the export to one edit type; the choice lives in the URL (?type=) like browse state.
import { useQueryStates } from "nuqs";
import { exportSelectionParsers } from "@/lib/export/selection-url";

export type EditTypeOption = { editType: string; count: number; isKnown: boolean };

export function ExportTypeFilter({ options, selected }: { options: EditTypeOption[]; selected: string[] }) {
  const [, setUrl] = useQueryStates(exportSelectionParsers, { history: "push", shallow: false });
  const value = selected.length === 1 ? selected[0] : selected.length > 1 ? "__several" : "";
  const isMissing = selected.length === 1 && !options.some((option) => option.editType === selected[0]);
  return (
    <label className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-neutral-400">Edit type</span>
      <select
        value={value}
        onChange={(event) => {
          const next = event.target.value;
          void setUrl({ type: next ? [next] : null });
        }}
        className="max-w-md rounded-md border border-neutral-700 bg-neutral-950 px-3 py-1.5 text-sm"
        data-testid="export-type-filter"
      >
        <option value="">All edit types</option>
        {value === "__several" && <option value="__several">{selected.length} types (from the link)</option>}
        {isMissing && <option value={selected[0]}>{selected[0]} · not in this dataset</option>}
        {options.map((option) => (
          <option key={option.editType} value={option.editType}>
            {option.editType}
            {option.isKnown ? "" : " (unknown type)"} · {option.count.toLocaleString("en")} edits
          </option>
        ))}
      </select>
    </label>
  );
}
