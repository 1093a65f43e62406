"use client";
// A multi-turn session as a filmstrip: original → turn 1 … final, each with its prompt and
// verdict; picking a turn opens it, and the canvas compares it with its predecessor or the original.
import { imageUrl } from "@/lib/browse/image-url";
import type { ItemDetail } from "@/lib/review/types";
import { VerdictBadge } from "@/components/browse/verdict-badge";
import { CardImage } from "@/components/browse/card-image";

type Props = {
  detail: ItemDetail;
  onOpen: (candidateId: number) => void;
  compareTo: "previous" | "original";
  onCompareToChange: (value: "previous" | "original") => void;
};

export function SessionStrip({ detail, onOpen, compareTo, onCompareToChange }: Props) {
  const session = detail.session!;
  return (
    <section
      aria-label="Multi-turn session"
      className="rounded-md border border-neutral-800 bg-neutral-900/50 p-2"
      data-testid="session-strip"
    >
      <div className="mb-2 flex items-center justify-between text-xs">
        <span className="font-medium">Multi-turn session · {session.turnCount} turns</span>
        <label className="flex items-center gap-1 text-neutral-400">
          Compare with
          <select
            value={compareTo}
            onChange={(event) => onCompareToChange(event.target.value as "previous" | "original")}
            className="rounded border border-neutral-700 bg-neutral-900 px-1 py-0.5"
          >
            <option value="previous">previous turn</option>
            <option value="original">original</option>
          </select>
        </label>
      </div>
      <ol className="flex gap-2 overflow-x-auto pb-1">
        <li className="w-32 shrink-0">
          <CardImage
            src={imageUrl(detail.datasetId, session.originalUrl, 160)}
            alt="original"
            className="h-20 w-full rounded bg-neutral-950 object-contain"
          />
          <p className="mt-1 text-[11px] text-neutral-400">Original</p>
        </li>
        {session.turns.map((turn) => {
          const isCurrent = turn.candidateId === detail.candidate.id;
          return (
            <li key={turn.candidateId} className="w-32 shrink-0">
              <button
                type="button"
                onClick={() => onOpen(turn.candidateId)}
                className={`block w-full rounded border text-left ${isCurrent ? "border-amber-400" : "border-transparent hover:border-neutral-600"}`}
                aria-current={isCurrent ? "step" : undefined}
                data-testid="session-turn"
              >
                <CardImage
                  src={imageUrl(detail.datasetId, turn.imagePath, 160)}
                  alt={`turn ${turn.turn}`}
                  className="h-20 w-full rounded bg-neutral-950 object-contain"
                />
              </button>
              <div className="mt-1 flex items-center justify-between gap-1 text-[11px]">
                <span className="text-neutral-300">Turn {turn.turn}</span>
                <VerdictBadge verdict={turn.effectiveVerdict} />
              </div>
              <p className="line-clamp-3 text-[11px] text-neutral-400" title={turn.prompt}>
                {turn.prompt}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
