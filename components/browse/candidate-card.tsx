import Link from "next/link";
import type { BrowseItem } from "@/lib/browse/types";
import { imageUrl } from "@/lib/browse/image-url";
import { CardImage } from "./card-image";
import { VerdictBadge } from "./verdict-badge";

export function CandidateCard({ item, datasetId, search }: { item: BrowseItem; datasetId: number; search: string }) {
  return (
    <Link
      href={`/datasets/${datasetId}/items/${item.id}${search}`}
      className="group flex h-full flex-col overflow-hidden rounded-lg border border-neutral-800 bg-neutral-900/70 hover:border-amber-400/60 focus-visible:border-amber-400"
      data-testid="candidate-card"
      data-candidate-id={item.id}
    >
      <div className="grid grid-cols-2 gap-px bg-neutral-800">
        {[item.sourceImage, item.imagePath].map((path, index) => (
          <div key={index} className="relative aspect-[4/3] bg-neutral-950">
            <CardImage src={imageUrl(datasetId, path, 256)} alt={index === 0 ? "source" : "edit"} />
            <span className="absolute left-1 top-1 rounded bg-black/60 px-1 text-[10px] text-neutral-300">
              {index === 0
                ? item.turn && item.turn > 1
                  ? `turn ${item.turn - 1}`
                  : "source"
                : item.turn
                  ? `turn ${item.turn}`
                  : item.role === "rejected"
                    ? "rejected attempt"
                    : "edit"}
            </span>
          </div>
        ))}
      </div>
      <div className="flex flex-1 flex-col gap-1.5 p-2">
        <div className="flex items-center justify-between gap-2 text-[11px]">
          <span className="truncate text-neutral-400" title={item.editType}>
            {item.editType}
          </span>
          <span className="shrink-0 tabular-nums text-neutral-300" title="judge overall score">
            {item.judgeOverall === null ? "unjudged" : item.judgeOverall.toFixed(2)}
          </span>
        </div>
        <p className="line-clamp-2 text-xs text-neutral-200" title={item.summarizedText}>
          {item.summarizedText}
        </p>
        <div className="mt-auto flex flex-wrap gap-1">
          <VerdictBadge verdict={item.effectiveVerdict} title="effective verdict (human, else judge, else manifest)" />
          <VerdictBadge verdict={item.judgeVerdict} label="judge" />
          {item.humanVerdict !== "none" && <VerdictBadge verdict={item.humanVerdict} label="human" />}
          {item.isDisagreement && <span className="rounded bg-rose-500/20 px-1.5 py-0.5 text-[11px] text-rose-200">overridden</span>}
          {item.isIdenticalText && (
            <span
              className="rounded bg-neutral-800 px-1.5 py-0.5 text-[11px] text-neutral-300"
              title="long and short instruction are identical"
            >
              same text
            </span>
          )}
        </div>
      </div>
    </Link>
  );
}
