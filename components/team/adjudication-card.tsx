"use client";
// One disagreement for an admin: the edit, every reviewer's current verdict (with notes), the
// judge's verdict, and accept / reject buttons that record the ruling. Reviewers' decisions stay
// in the item's history; the ruling becomes the human verdict export and audit use.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { CardImage } from "@/components/browse/card-image";
import { adjudicateItem } from "@/lib/actions/adjudication/adjudicate-item";
import { imageUrl } from "@/lib/browse/image-url";
import type { AdjudicationItem } from "@/lib/team/types";

const VERDICT_CLASS: Record<string, string> = { accept: "text-emerald-300", reject: "text-rose-300", unsure: "text-neutral-400" };

export function AdjudicationCard({ datasetId, item }: { datasetId: number; item: AdjudicationItem }) {
  const router = useRouter();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const rule = (verdict: "accept" | "reject") =>
    startTransition(async () => {
      const result = await adjudicateItem({ datasetId, candidateId: item.candidateId, verdict, note: note.trim() || undefined });
      if (result.ok) {
        setError(null);
        router.refresh();
      } else setError(result.error);
    });
  return (
    <li
      className="grid grid-cols-[8rem_minmax(0,1fr)] gap-3 rounded-lg border border-neutral-800 bg-neutral-900/60 p-3"
      data-testid="adjudication-item"
      data-candidate-id={item.candidateId}
    >
      <Link href={`/datasets/${datasetId}/items/${item.candidateId}`} className="block h-28 overflow-hidden rounded bg-neutral-950">
        <CardImage src={imageUrl(datasetId, item.imagePath, 256)} alt={`Edit #${item.candidateId}`} />
      </Link>
      <div className="min-w-0 space-y-2 text-sm">
        <div className="flex flex-wrap items-baseline gap-x-3">
          <Link href={`/datasets/${datasetId}/items/${item.candidateId}`} className="font-medium hover:underline">
            #{item.candidateId}
          </Link>
          <span className="truncate text-xs text-neutral-400">{item.editType}</span>
          <span className="text-xs text-neutral-500">judge: {item.judgeVerdict}</span>
        </div>
        <ul className="flex flex-wrap gap-x-4 gap-y-1" data-testid="adjudication-verdicts">
          {item.verdicts.map((entry) => (
            <li key={entry.reviewer} title={entry.note ?? undefined}>
              {entry.reviewer}: <span className={VERDICT_CLASS[entry.verdict]}>{entry.verdict}</span>
              {entry.note && <span className="text-neutral-500"> “{entry.note.slice(0, 60)}”</span>}
            </li>
          ))}
        </ul>
        {item.adjudication && (
          <p className="text-xs text-neutral-300" data-testid="adjudication-ruling">
            Adjudicated <span className={VERDICT_CLASS[item.adjudication.verdict]}>{item.adjudication.verdict}</span> by{" "}
            {item.adjudication.adjudicator} on {item.adjudication.at.slice(0, 10)}
            {item.adjudication.note && `: ${item.adjudication.note}`}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <input
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder="Why (optional)"
            maxLength={2000}
            className="min-w-0 flex-1 rounded border border-neutral-700 bg-neutral-950 px-2 py-1 text-xs"
            aria-label={`Note on #${item.candidateId}`}
          />
          <button
            type="button"
            disabled={isPending}
            onClick={() => rule("accept")}
            className="rounded bg-emerald-700 px-2 py-1 text-xs font-medium text-white hover:bg-emerald-600 disabled:opacity-50"
            data-testid="adjudicate-accept"
          >
            Accept
          </button>
          <button
            type="button"
            disabled={isPending}
            onClick={() => rule("reject")}
            className="rounded bg-rose-700 px-2 py-1 text-xs font-medium text-white hover:bg-rose-600 disabled:opacity-50"
            data-testid="adjudicate-reject"
          >
            Reject
          </button>
        </div>
        {error && <p className="text-xs text-rose-300">{error}</p>}
      </div>
    </li>
  );
}
