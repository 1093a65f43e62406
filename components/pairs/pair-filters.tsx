"use client";
// Filters of the pairs list (origin, edit type, labelled or not), kept in the URL. A metric from
// the agreement page shows as a removable chip instead.
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { PAIR_ORIGINS } from "@/lib/pairs/enums";
import { ORIGIN_TEXT, pairListParsers, type PairListParams } from "@/lib/pairs/list-params";
import { toUrlUpdate } from "@/lib/url/parsers";

const select = "rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-xs text-neutral-200";

export function PairFilters({
  datasetId,
  params,
  editTypes,
  metricText,
  matching,
}: {
  datasetId: number;
  params: PairListParams;
  editTypes: string[];
  metricText: string | null;
  matching: number | null;
}) {
  const base = `/datasets/${datasetId}/pairs`;
  const [, setUrl] = useQueryStates(pairListParsers, { history: "push", shallow: false });
  // A new filter starts from the first page.
  const go = (next: PairListParams) => void setUrl(toUrlUpdate({ ...next, after: undefined }));
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-neutral-400" data-testid="pair-filters">
      {metricText ? (
        <span className="flex items-center gap-2 rounded bg-amber-500/10 px-2 py-1 text-amber-200" data-testid="pair-metric">
          Pairs behind: {metricText}
          {matching !== null ? ` (${matching})` : ""}
          <Link href={base} className="text-amber-300 hover:underline" aria-label="Clear">
            ✕
          </Link>
        </span>
      ) : (
        <>
          <select
            className={select}
            value={params.origin ?? ""}
            onChange={(event) => go({ ...params, origin: (event.target.value || undefined) as PairListParams["origin"] })}
            aria-label="Origin"
          >
            <option value="">All origins</option>
            {PAIR_ORIGINS.map((origin) => (
              <option key={origin} value={origin}>
                {ORIGIN_TEXT[origin]}
              </option>
            ))}
          </select>
          <select
            className={`${select} max-w-[16rem]`}
            value={params.editType ?? ""}
            onChange={(event) => go({ ...params, editType: event.target.value || undefined })}
            aria-label="Edit type"
          >
            <option value="">All edit types</option>
            {editTypes.map((editType) => (
              <option key={editType} value={editType}>
                {editType}
              </option>
            ))}
          </select>
          <select
            className={select}
            value={params.status ?? ""}
            onChange={(event) => go({ ...params, status: (event.target.value || undefined) as PairListParams["status"] })}
            aria-label="Status"
          >
            <option value="">Labelled or not</option>
            <option value="unlabelled">Unlabelled</option>
            <option value="labelled">Labelled</option>
          </select>
        </>
      )}
    </div>
  );
}
