"use client";
// Until accounts exist: a name that decisions are recorded under (a cookie, set by an action).
import { useState, useTransition } from "react";
import { setReviewer } from "@/lib/actions/reviewers/set-reviewer";

export function ReviewerSwitcher({ current }: { current: string }) {
  const [name, setName] = useState(current);
  const [isEditing, setIsEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  if (!isEditing) {
    return (
      <button
        type="button"
        onClick={() => setIsEditing(true)}
        className="rounded px-2 py-1 text-sm text-neutral-300 hover:bg-neutral-800"
        title="Switch reviewer"
        data-testid="reviewer-name"
      >
        Reviewing as <span className="font-medium text-amber-300">{current}</span>
      </button>
    );
  }
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await setReviewer({ name });
          if (result.ok) {
            setIsEditing(false);
            setError(null);
          } else setError(result.error);
        });
      }}
    >
      <label className="text-sm text-neutral-400" htmlFor="reviewer-input">
        Reviewer
      </label>
      <input
        id="reviewer-input"
        autoFocus
        value={name}
        onChange={(event) => setName(event.target.value)}
        className="w-36 rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm"
      />
      <button disabled={isPending} className="rounded bg-amber-500 px-2 py-1 text-sm font-medium text-neutral-950">
        Switch
      </button>
      {error && <span className="text-xs text-red-400">{error}</span>}
    </form>
  );
}
