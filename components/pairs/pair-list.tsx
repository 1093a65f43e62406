// The pairs list: source and both candidates as thumbnails, origin, instruction, and every label
// with the side it was shown on (undone labels struck through, repeats marked). Each row opens
// the labelling screen on that pair.
import Link from "next/link";
import { imageUrl } from "@/lib/browse/image-url";
import type { PairListCandidate, PairListRow } from "@/lib/pairs/types";
import { ORIGIN_TEXT } from "@/lib/pairs/list-params";
import { PAIR_LABEL_TEXT, shownSide } from "@/lib/pairs/sides";
import { CardImage } from "@/components/browse/card-image";

function Thumb({
  datasetId,
  path,
  caption,
  candidate,
}: {
  datasetId: number;
  path: string;
  caption: string;
  candidate?: PairListCandidate;
}) {
  return (
    <figure className="w-28 shrink-0">
      <CardImage src={imageUrl(datasetId, path, 224)} alt={caption} className="h-20 w-28 rounded bg-neutral-900 object-contain" />
      <figcaption className="mt-0.5 text-[11px] leading-tight text-neutral-500" title={path}>
        <span className="block truncate">{caption}</span>
        {candidate && (
          <span className="block truncate">
            {candidate.judgeOverall === null ? "unjudged" : `judge ${candidate.judgeOverall.toFixed(2)}`} · {candidate.effectiveVerdict}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

const roleText = (candidate: PairListCandidate) =>
  candidate.role === "sft" ? "output" : candidate.role === "rejected" ? "rejected" : candidate.role;

/** `canLabel`: rows link to the labeller only for an account that may label. */
export function PairList({ datasetId, rows, canLabel }: { datasetId: number; rows: PairListRow[]; canLabel: boolean }) {
  if (rows.length === 0) return <p className="py-8 text-center text-sm text-neutral-500">No pairs match.</p>;
  return (
    <ul className="divide-y divide-neutral-800" data-testid="pair-list">
      {rows.map((row) => (
        <li
          key={row.pairId}
          className="flex gap-4 py-3"
          data-pair-row={row.pairId}
          data-request-id={row.requestId}
          data-origin={row.origin}
          data-candidate-a={row.a.id}
          data-candidate-b={row.b.id}
          data-path-a={row.a.imagePath}
          data-path-b={row.b.imagePath}
          data-verdict-a={row.a.effectiveVerdict}
          data-verdict-b={row.b.effectiveVerdict}
        >
          <div className="flex gap-2">
            <Thumb datasetId={datasetId} path={row.sourceImage} caption="source" />
            <Thumb datasetId={datasetId} path={row.a.imagePath} caption={`A #${row.a.id} · ${roleText(row.a)}`} candidate={row.a} />
            <Thumb datasetId={datasetId} path={row.b.imagePath} caption={`B #${row.b.id} · ${roleText(row.b)}`} candidate={row.b} />
          </div>
          <div className="min-w-0 flex-1 space-y-1 text-sm">
            <div className="flex flex-wrap items-center gap-2 text-xs">
              <span className="font-mono text-neutral-500">#{row.pairId}</span>
              <span className="rounded bg-neutral-800 px-1.5 py-0.5 text-neutral-300">{ORIGIN_TEXT[row.origin]}</span>
              <span className="text-neutral-500">{row.editType}</span>
            </div>
            <p className="truncate text-neutral-200" title={row.summarizedText}>
              {row.summarizedText}
            </p>
            <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label="Labels">
              {row.labels.length === 0 && <li className="text-neutral-500">not labelled</li>}
              {row.labels.map((label) => {
                const side = shownSide(label.label, { candidateA: row.a.id }, label.leftCandidateId);
                return (
                  <li
                    key={label.id}
                    className={label.isUndone ? "text-neutral-500 line-through" : "text-neutral-300"}
                    data-label-id={label.id}
                    data-label={label.label}
                    data-left-candidate-id={label.leftCandidateId}
                    data-is-repeat={label.isRepeat}
                    data-is-undone={label.isUndone}
                  >
                    {label.reviewer}: {PAIR_LABEL_TEXT[label.label]}
                    {side ? ` (${side})` : ""} · left was {label.leftCandidateId === row.a.id ? "A" : "B"}
                    {label.isRepeat ? " · repeat" : ""}
                    {label.isUndone ? " · undone" : ""}
                  </li>
                );
              })}
            </ul>
          </div>
          {canLabel && (
            <Link
              href={`/datasets/${datasetId}/pairs/label?pair=${row.pairId}`}
              className="self-center rounded bg-neutral-800 px-2.5 py-1 text-xs hover:bg-neutral-700"
            >
              Label →
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
