"use client";
// The other candidates of the item's request, each a button that opens it in the walk, and for
// an account that may decide, the button that opens two of them as a preference pair.
import { MakePairButton } from "@/components/pairs/make-pair-button";
import type { ItemDetail } from "@/lib/review/types";

export type SiblingsStripProps = { datasetId: number; detail: ItemDetail; canDecide: boolean; onOpen: (candidateId: number) => void };

export function SiblingsStrip({ datasetId, detail, canDecide, onOpen }: SiblingsStripProps) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-neutral-400" data-testid="siblings">
      Other candidates of this request:
      {detail.siblings
        .filter((sibling) => sibling.id !== detail.candidate.id)
        .map((sibling) => (
          <button
            key={sibling.id}
            type="button"
            onClick={() => onOpen(sibling.id)}
            className="rounded bg-neutral-800 px-2 py-0.5 hover:bg-neutral-700"
          >
            #{sibling.id} {sibling.role === "rejected" ? `attempt ${sibling.attempt ?? ""}` : "chosen"} · {sibling.effectiveVerdict}
          </button>
        ))}
      {canDecide && <MakePairButton datasetId={datasetId} candidateId={detail.candidate.id} siblings={detail.siblings} />}
    </div>
  );
}
