"use client";
// The override controls: verdict buttons (a / r / u), reason tags, note and optional corrected
// criterion scores. The form state is lifted so the keyboard submits exactly what is shown.
import { REASON_TAGS } from "@/lib/review/enums";
import { REASON_TAG_LABELS } from "@/lib/review/schemas";
import { CRITERIA, CRITERION_LABELS, type Criterion } from "@/lib/taxonomy";

export type DecisionDraft = { reasonTags: string[]; note: string; scores: Partial<Record<Criterion, string>>; isScoresOpen: boolean };
export const EMPTY_DRAFT: DecisionDraft = { reasonTags: [], note: "", scores: {}, isScoresOpen: false };

type Props = {
  draft: DecisionDraft;
  onDraftChange: (draft: DecisionDraft) => void;
  onDecide: (verdict: "accept" | "reject" | "unsure") => void;
  /** The item's human verdict (all reviewers) and this reviewer's own decision, if any. */
  current: string;
  mine: "accept" | "reject" | "unsure" | null;
};

const BUTTONS = [
  { verdict: "accept", label: "Accept", key: "a", className: "bg-emerald-700 hover:bg-emerald-600" },
  { verdict: "reject", label: "Reject", key: "r", className: "bg-rose-600 hover:bg-rose-500" },
  { verdict: "unsure", label: "Unsure", key: "u", className: "bg-neutral-700 hover:bg-neutral-600" },
] as const;

/** The verdict this reviewer gave is ringed; the other buttons dim. */
const MINE = "ring-2 ring-amber-300 ring-offset-2 ring-offset-neutral-950";
const CHIP_ON = "border-amber-400 bg-amber-500/15 text-amber-200";
const CHIP_OFF = "border-neutral-700 text-neutral-300 hover:border-neutral-500";

export function DecisionForm({ draft, onDraftChange, onDecide, current, mine }: Props) {
  const toggleTag = (tag: string) =>
    onDraftChange({
      ...draft,
      reasonTags: draft.reasonTags.includes(tag) ? draft.reasonTags.filter((item) => item !== tag) : [...draft.reasonTags, tag],
    });
  return (
    <section aria-label="Your decision" className="space-y-2" data-testid="decision-form">
      <div className="flex items-center justify-between">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-neutral-400">Your decision</h2>
        <span className="text-[11px] text-neutral-400" data-testid="decision-summary">
          {mine ? `yours: ${mine}` : "not decided by you"} · all reviewers: {current}
        </span>
      </div>
      <div className="grid grid-cols-3 gap-2">
        {BUTTONS.map((button) => (
          <button
            key={button.verdict}
            type="button"
            onClick={() => onDecide(button.verdict)}
            aria-pressed={mine === button.verdict}
            className={`rounded-md px-3 py-2 text-sm font-medium text-white ${button.className} ${mine === button.verdict ? MINE : mine ? "opacity-60" : ""}`}
            data-testid={`decide-${button.verdict}`}
          >
            {mine === button.verdict && (
              <span aria-hidden className="mr-1">
                ✓
              </span>
            )}
            {button.label} <kbd className="ml-1 rounded bg-black/30 px-1 text-[11px]">{button.key}</kbd>
          </button>
        ))}
      </div>
      <fieldset>
        <legend className="mb-1 text-[11px] text-neutral-500">Reasons (optional)</legend>
        <div className="flex flex-wrap gap-1">
          {REASON_TAGS.map((tag) => (
            <button
              key={tag}
              type="button"
              aria-pressed={draft.reasonTags.includes(tag)}
              onClick={() => toggleTag(tag)}
              className={`rounded-full border px-2 py-0.5 text-[11px] ${draft.reasonTags.includes(tag) ? CHIP_ON : CHIP_OFF}`}
            >
              {REASON_TAG_LABELS[tag]}
            </button>
          ))}
        </div>
      </fieldset>
      <textarea
        value={draft.note}
        onChange={(event) => onDraftChange({ ...draft, note: event.target.value })}
        placeholder="Note (optional)"
        aria-label="Note"
        rows={2}
        maxLength={4000}
        className="w-full rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm placeholder:text-neutral-500"
      />
      <details
        open={draft.isScoresOpen}
        onToggle={(event) => onDraftChange({ ...draft, isScoresOpen: (event.target as HTMLDetailsElement).open })}
      >
        <summary className="cursor-pointer text-[11px] text-neutral-400">Corrected criterion scores (optional)</summary>
        <div className="mt-1 grid grid-cols-2 gap-1">
          {CRITERIA.map((criterion) => (
            <label key={criterion} className="flex items-center justify-between gap-2 text-[11px] text-neutral-300">
              {CRITERION_LABELS[criterion]}
              <input
                type="number"
                min={0}
                max={1}
                step={0.05}
                value={draft.scores[criterion] ?? ""}
                onChange={(event) => onDraftChange({ ...draft, scores: { ...draft.scores, [criterion]: event.target.value } })}
                className="w-16 rounded border border-neutral-700 bg-neutral-900 px-1 py-0.5"
                aria-label={`Corrected ${CRITERION_LABELS[criterion]}`}
              />
            </label>
          ))}
        </div>
      </details>
    </section>
  );
}
