"use client";
// Turns a browse filter or an audit sample into an assignment: reviewers, overlap k, seed, due date.
// The server allocates (each item to exactly k distinct reviewers, balanced) and refuses k > reviewers.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createAssignmentAction } from "@/lib/actions/assignments/create-assignment";

export type SourceOption = { key: string; label: string; count: number } & (
  { kind: "filter"; search: string } | { kind: "sample"; sampleId: number }
);

const field = "mt-1 block rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm text-neutral-100";

export function AssignmentForm({
  datasetId,
  sources,
  reviewers,
}: {
  datasetId: number;
  sources: SourceOption[];
  reviewers: { id: number; name: string }[];
}) {
  const router = useRouter();
  const [sourceKey, setSourceKey] = useState(sources[0]?.key ?? "");
  const [title, setTitle] = useState("");
  const [chosen, setChosen] = useState<Set<number>>(() => new Set());
  const [overlap, setOverlap] = useState(2);
  const [seed, setSeed] = useState(1);
  const [dueDate, setDueDate] = useState("");
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const source = sources.find((entry) => entry.key === sourceKey);
  const toggle = (id: number) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <form
      className="space-y-3 rounded-lg border border-neutral-800 bg-neutral-900/60 p-4"
      data-testid="assignment-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!source) return;
        startTransition(async () => {
          const result = await createAssignmentAction({
            datasetId,
            title: title || source.label,
            source: source.kind === "filter" ? { kind: "filter", search: source.search } : { kind: "sample", sampleId: source.sampleId },
            reviewerIds: [...chosen],
            overlap,
            seed,
            dueDate: dueDate || undefined,
          });
          if (result.ok) {
            setMessage({
              isError: false,
              text: `Assigned ${result.data.items} items (${result.data.slots} reviews) as #${result.data.id}.`,
            });
            router.refresh();
          } else setMessage({ isError: true, text: result.error });
        });
      }}
    >
      <label className="block text-xs text-neutral-400">
        Items
        <select
          value={sourceKey}
          onChange={(event) => setSourceKey(event.target.value)}
          className={`${field} w-full`}
          data-testid="assignment-source"
        >
          {sources.map((entry) => (
            <option key={entry.key} value={entry.key}>
              {entry.label} · {entry.count.toLocaleString("en")} items
            </option>
          ))}
        </select>
      </label>
      <label className="block text-xs text-neutral-400">
        Title
        <input
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          placeholder={source?.label}
          className={`${field} w-full`}
          maxLength={200}
        />
      </label>
      <fieldset className="text-xs text-neutral-400">
        <legend>Reviewers ({chosen.size} chosen)</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {reviewers.map((reviewer) => (
            <label
              key={reviewer.id}
              className="flex items-center gap-1 rounded border border-neutral-800 px-2 py-1 text-sm text-neutral-200"
            >
              <input
                type="checkbox"
                checked={chosen.has(reviewer.id)}
                onChange={() => toggle(reviewer.id)}
                data-testid={`assign-reviewer-${reviewer.name}`}
              />
              {reviewer.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-xs text-neutral-400">
          Overlap k
          <input
            type="number"
            min={1}
            max={20}
            value={overlap}
            onChange={(event) => setOverlap(Number(event.target.value))}
            className={`${field} w-20`}
            data-testid="assignment-overlap"
          />
        </label>
        <label className="text-xs text-neutral-400">
          Seed
          <input type="number" min={0} value={seed} onChange={(event) => setSeed(Number(event.target.value))} className={`${field} w-20`} />
        </label>
        <label className="text-xs text-neutral-400">
          Due (optional)
          <input type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} className={field} />
        </label>
        <button
          disabled={isPending || !source}
          className="rounded-md bg-amber-500 px-3 py-1.5 text-sm font-medium text-neutral-950 hover:bg-amber-400 disabled:opacity-60"
          data-testid="assignment-create"
        >
          {isPending ? "Assigning…" : "Assign"}
        </button>
      </div>
      <p className="text-xs text-neutral-500">
        Each item goes to exactly k of the chosen reviewers; loads differ by at most one item; the same seed gives the same split.
      </p>
      {message && (
        <p className={`text-sm ${message.isError ? "text-rose-300" : "text-emerald-300"}`} role="status" data-testid="assignment-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
