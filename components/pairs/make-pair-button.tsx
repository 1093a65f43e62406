"use client";
// Item page entry point for manual pairs: pick another candidate of the same request, create the
// pair (origin "manual"; an existing pair is reused) and open it on the labelling screen.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createPair } from "@/lib/actions/pairs/create-pair";
import type { SiblingView } from "@/lib/review/types";

export type MakePairButtonProps = { datasetId: number; candidateId: number; siblings: SiblingView[] };

export function MakePairButton({ datasetId, candidateId, siblings }: MakePairButtonProps) {
  const router = useRouter();
  const others = siblings.filter((sibling) => sibling.id !== candidateId);
  const [otherId, setOtherId] = useState<number | null>(others[0]?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  if (others.length === 0 || otherId === null) return null;

  const onClick = () =>
    startTransition(async () => {
      const result = await createPair({ datasetId, candidateA: candidateId, candidateB: otherId });
      if (result.ok) router.push(`/datasets/${datasetId}/pairs/label?pair=${result.data.pairId}`);
      else setError(result.error);
    });

  return (
    <span className="flex items-center gap-1.5" data-testid="make-pair">
      <span className="text-neutral-600">|</span>
      {others.length > 1 && (
        <select
          value={otherId}
          onChange={(event) => setOtherId(Number(event.target.value))}
          className="rounded border border-neutral-700 bg-neutral-900 px-1.5 py-0.5 text-xs"
          aria-label="Compare with"
        >
          {others.map((sibling) => (
            <option key={sibling.id} value={sibling.id}>
              #{sibling.id} {sibling.role === "rejected" ? `attempt ${sibling.attempt ?? ""}` : "chosen"}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        onClick={onClick}
        disabled={isPending}
        className="rounded bg-sky-500/15 px-2 py-0.5 text-sky-200 hover:bg-sky-500/25 disabled:opacity-50"
        title="Open this edit and the other one as a preference pair on the labelling screen"
      >
        {isPending ? "Opening…" : others.length > 1 ? "Label as a pair" : `Label as a pair with #${others[0].id}`}
      </button>
      {error && (
        <span className="text-red-300" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
