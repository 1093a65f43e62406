// Leave out reviewers below a gold accuracy: a plain GET form (the choice lives in the URL, like
// the edit type), with what the cut leaves out at the current decisions.
export type GoldFilterSummary = { minimum: number; excludedReviewers: string[]; decisionsLeftOut: number; itemsRedecided: number };

export function GoldFilterForm({ editTypes, summary }: { editTypes: string[]; summary: GoldFilterSummary | null }) {
  return (
    <form method="get" className="flex flex-wrap items-center gap-2 text-sm" data-testid="gold-filter-form">
      {editTypes.map((type) => (
        <input key={type} type="hidden" name="type" value={type} />
      ))}
      <label className="flex items-center gap-2">
        <span className="text-neutral-400">Leave out reviewers below gold accuracy</span>
        <input
          type="number"
          name="min_gold"
          min={0}
          max={1}
          step={0.05}
          defaultValue={summary?.minimum ?? ""}
          placeholder="e.g. 0.8"
          className="w-24 rounded-md border border-neutral-700 bg-neutral-950 px-2 py-1"
          data-testid="min-gold-input"
        />
      </label>
      <button type="submit" className="rounded-md bg-neutral-800 px-3 py-1 hover:bg-neutral-700">
        Apply
      </button>
      {summary && (
        <span className="text-xs text-neutral-400" data-testid="gold-filter-summary">
          {summary.excludedReviewers.length === 0
            ? `No reviewer is below ${summary.minimum}: nothing is left out.`
            : `Leaves out ${summary.decisionsLeftOut} decision${summary.decisionsLeftOut === 1 ? "" : "s"} by ${summary.excludedReviewers.join(", ")}; ${summary.itemsRedecided} item${summary.itemsRedecided === 1 ? "" : "s"} re-decided without them.`}
        </span>
      )}
    </form>
  );
}
