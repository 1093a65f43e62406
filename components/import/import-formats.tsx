// What the importer reads: five line formats, told apart by their keys (no header, no flag).
const FORMATS = [
  {
    name: "SFT manifest",
    keys: "open_image_input_url, text, output_image, edit_type, summarized_text",
    what: "One passed edit per line: source photo URL, long and short instruction, edited image path (relative to the base).",
  },
  {
    name: "Preference manifest",
    keys: "output_image, rejected_images, …",
    what: "The passed edit plus the failed attempts before it (paths, possibly prefixed nano-banana-300k/).",
  },
  {
    name: "Multi-turn manifest",
    keys: "files [{id, url}], metadata_edit_turn_prompts",
    what: "A session of 2–5 edits; files looked up by id (edit_turn1…, final_image, original_input_image).",
  },
  {
    name: "Judge scores",
    keys: "image, judge, instruction_compliance, seamlessness, preservation_balance, technical_quality",
    what: "A judge's criterion scores in [0, 1] (each may be null) for an imported image; Ripe recomputes the overall.",
  },
  {
    name: "Decisions",
    keys: "image, reviewer, verdict (accept | reject | unsure)",
    what: "Human reviews, with optional reason_tags, note, time and corrected scores.",
  },
] as const;

export function ImportFormats() {
  return (
    <aside className="space-y-3 text-sm" data-testid="import-formats">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-neutral-400">Formats</h2>
      <p className="text-neutral-400">
        JSON Lines, one object per line, as Python&apos;s <code>json.dumps</code> writes them. Each line&apos;s kind is detected from its
        keys; extra keys are kept, and an export of unchanged rows reproduces them byte for byte.
      </p>
      <dl className="space-y-3">
        {FORMATS.map((format) => (
          <div key={format.name} className="rounded-lg border border-neutral-800 bg-neutral-900/40 p-3">
            <dt className="font-medium text-neutral-200">{format.name}</dt>
            <dd className="mt-1 font-mono text-xs text-amber-200/80">{format.keys}</dd>
            <dd className="mt-1 text-xs text-neutral-400">{format.what}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-neutral-500">
        Errors read <code>FILE:LINE: field: problem</code>. Re-importing a file skips lines already imported. Full field lists: README,
        section <span className="text-neutral-300">Importing</span>. The CLI (<code>npm run import</code>) does the same from a terminal;
        with the embedded database, stop the app first.
      </p>
    </aside>
  );
}
