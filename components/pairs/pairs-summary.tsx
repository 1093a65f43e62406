// Pair counts by origin (each a link to those pairs) and the ways to start labelling.
import Link from "next/link";
import type { PairsOverview } from "@/lib/pairs/types";
import { PAIR_ORIGINS } from "@/lib/pairs/enums";
import { ORIGIN_TEXT, pairListSearch } from "@/lib/pairs/list-params";
import { QUEUE_KINDS, queueSearch } from "@/lib/pairs/queue";

/** `canLabel`: the account may label (reviewer or above); a viewer sees the counts without the ways in. */
export function PairsSummary({
  datasetId,
  overview,
  reviewer,
  canLabel,
}: {
  datasetId: number;
  overview: PairsOverview;
  reviewer: string;
  canLabel: boolean;
}) {
  const base = `/datasets/${datasetId}/pairs`;
  return (
    <section className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-2">
        <h2 className="text-lg font-semibold">Preference pairs</h2>
        <span className="text-sm text-neutral-400" data-testid="pairs-total">
          <b className="text-neutral-100">{overview.total}</b> pairs · <b className="text-neutral-100">{overview.labelledPairs}</b> labelled
          · {overview.labels} labels by {overview.reviewers} reviewer{overview.reviewers === 1 ? "" : "s"} · you ({reviewer}) labelled{" "}
          {overview.mine}
        </span>
        <Link href={`${base}/agreement`} className="ml-auto text-sm text-amber-300 hover:underline">
          Agreement between reviewers →
        </Link>
      </div>
      <div className="flex flex-wrap gap-2 text-xs">
        {PAIR_ORIGINS.filter((origin) => overview.byOrigin[origin]).map((origin) => (
          <Link
            key={origin}
            href={`${base}${pairListSearch({ origin })}`}
            className="rounded border border-neutral-800 bg-neutral-900 px-2.5 py-1.5 hover:border-neutral-600"
            data-origin={origin}
          >
            <span className="text-neutral-400">{ORIGIN_TEXT[origin]}</span>{" "}
            <b className="ml-1 text-neutral-100">{overview.byOrigin[origin]}</b>
          </Link>
        ))}
        {overview.total === 0 && (
          <span className="text-neutral-500">No pairs yet: import a preference manifest, or mine pairs from the candidates (right).</span>
        )}
      </div>
      {canLabel && (
        <div className="grid gap-2 sm:grid-cols-2 xl:grid-cols-4" data-testid="start-labelling">
          {QUEUE_KINDS.map((kind) => (
            <Link
              key={kind.id}
              href={`${base}/label${queueSearch({ queue: kind.id })}`}
              className="group rounded-md border border-neutral-800 bg-neutral-900 p-3 hover:border-amber-500/50"
              data-queue={kind.id}
            >
              <div className="text-sm font-medium text-neutral-100 group-hover:text-amber-300">Label: {kind.label} →</div>
              <div className="mt-1 text-xs text-neutral-500">{kind.description}</div>
            </Link>
          ))}
        </div>
      )}
    </section>
  );
}
