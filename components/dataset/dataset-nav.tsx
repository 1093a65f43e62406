import Link from "next/link";
import { DATASET_PAGES } from "@/lib/auth/dataset-pages";
import { pageDatasetAccess } from "@/lib/auth/page-access";

const TABS = [
  ["Browse", ""],
  ["Review queue", "/queue"],
  ["Assignments", "/assignments"],
  ["Adjudication", "/adjudication"],
  ["Pairs", "/pairs"],
  ["Judge", "/judge"],
  ["Audit", "/audit"],
  ["Export", "/export"],
  ["Settings", "/settings"],
] as const;

/**
 * Dataset header with its sections; `active` is the suffix of the current section. A section the
 * account may not open (a viewer and the judge, say) is not linked: it would only answer 403.
 */
export async function DatasetNav({ datasetId, name, active }: { datasetId: number; name: string; active: string }) {
  const can = await pageDatasetAccess(datasetId);
  return (
    <div className="flex flex-wrap items-center gap-4 border-b border-neutral-800 px-4 py-2">
      <h1 className="text-base font-semibold" data-testid="dataset-title">
        {name}
      </h1>
      <nav className="flex gap-1 text-sm">
        {TABS.filter(([, suffix]) => can[DATASET_PAGES[suffix]]).map(([label, suffix]) => (
          <Link
            key={label}
            href={`/datasets/${datasetId}${suffix}`}
            aria-current={active === suffix ? "page" : undefined}
            className={`rounded px-2.5 py-1 ${active === suffix ? "bg-neutral-800 text-neutral-100" : "text-neutral-400 hover:text-neutral-100"}`}
          >
            {label}
          </Link>
        ))}
      </nav>
    </div>
  );
}
