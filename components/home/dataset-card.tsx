import Link from "next/link";
import type { DatasetAccess } from "@/lib/auth/roles";
import type { DatasetSummary } from "@/lib/datasets/types";
import { NextSteps } from "./next-steps";

const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((100 * part) / whole)}%`);

/** `can`: what the account may do on this dataset; the card links only to pages it may open. */
export function DatasetCard({ dataset, can }: { dataset: DatasetSummary; can: DatasetAccess }) {
  const stats: [string, string | number][] = [
    ["Requests", dataset.requests.toLocaleString()],
    ["Candidates", dataset.candidates.toLocaleString()],
    ["Edit types", dataset.editTypes],
    ["Judged", `${dataset.judged.toLocaleString()} · ${percent(dataset.judgePass, dataset.judged)} pass`],
    ["Reviewed", `${dataset.reviewed.toLocaleString()} (${percent(dataset.reviewed, dataset.candidates)})`],
    ["Judge overridden", dataset.disagreements.toLocaleString()],
    ["Multi-turn sessions", dataset.sessions.toLocaleString()],
    ["Preference pairs", dataset.pairs.toLocaleString()],
  ];
  return (
    <li className="rounded-xl border border-neutral-800 bg-neutral-900/60 p-5" data-testid="dataset-card">
      <div className="flex items-baseline justify-between gap-3">
        <h2 className="text-lg font-semibold">
          <Link href={`/datasets/${dataset.id}`} className="hover:text-amber-300">
            {dataset.name}
          </Link>
        </h2>
        {dataset.isDemo && <span className="rounded bg-neutral-800 px-2 py-0.5 text-xs text-neutral-300">demo · real photos</span>}
      </div>
      {dataset.base && (
        <p className="mt-1 truncate text-xs text-neutral-500" title={dataset.base}>
          Base: {dataset.base}
        </p>
      )}
      <div className="mt-4 grid gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
        <dl className="grid content-start gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {stats.map(([label, value]) => (
            <div key={label} className="flex justify-between gap-2 border-b border-neutral-800/70 pb-1">
              <dt className="text-neutral-400">{label}</dt>
              <dd className="tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        <NextSteps dataset={dataset} can={can} />
      </div>
      <div className="mt-4 flex flex-wrap gap-2 text-sm">
        <Link href={`/datasets/${dataset.id}`} className="rounded-md bg-neutral-800 px-3 py-1.5 hover:bg-neutral-700">
          Browse
        </Link>
        {can.review && (
          <Link href={`/datasets/${dataset.id}/queue`} className="rounded-md bg-neutral-800 px-3 py-1.5 hover:bg-neutral-700">
            Review queue
          </Link>
        )}
        <Link href={`/datasets/${dataset.id}/pairs`} className="rounded-md bg-neutral-800 px-3 py-1.5 hover:bg-neutral-700">
          Pairs
        </Link>
        <Link href={`/datasets/${dataset.id}/audit`} className="rounded-md bg-neutral-800 px-3 py-1.5 hover:bg-neutral-700">
          Judge audit
        </Link>
        <Link href={`/datasets/${dataset.id}/export`} className="rounded-md bg-neutral-800 px-3 py-1.5 hover:bg-neutral-700">
          Export
        </Link>
      </div>
    </li>
  );
}
