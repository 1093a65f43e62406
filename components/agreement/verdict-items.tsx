// The items behind one verdict-agreement number: each item links to its page and shows every
// reviewer's current verdict, so a disagreement can be looked at directly.
import Link from "next/link";
import type { VerdictAgreement } from "@/lib/agreement/verdicts";
import type { Verdict } from "@/lib/review/enums";
import { describeMetric, items } from "./verdict-format";

const LIMIT = 500;
const VERDICT_CLASS: Record<Verdict, string> = { accept: "text-emerald-300", reject: "text-rose-300", unsure: "text-amber-200" };
const th = "px-2 py-1 text-left text-xs font-medium text-neutral-500";
const td = "px-2 py-1";

export function VerdictItems({ datasetId, agreement, metric }: { datasetId: number; agreement: VerdictAgreement; metric: string }) {
  const title = describeMetric(metric, agreement.json.fleiss_kappa.raters);
  const ids = agreement.ids.get(metric) ?? [];
  const reviewers = agreement.json.reviewers;
  return (
    <section
      id="verdict-items"
      className="scroll-mt-32 rounded-md border border-amber-500/30 bg-neutral-900/50 p-4"
      data-testid="verdict-items"
    >
      <div className="flex items-baseline gap-3">
        <h3 className="font-semibold">{title ?? "Unknown metric"}</h3>
        <span className="text-sm text-neutral-500">
          {items(ids.length)}
          {ids.length > LIMIT ? `, first ${LIMIT} shown` : ""}
        </span>
        <Link
          href={`/datasets/${datasetId}/pairs/agreement`}
          scroll={false}
          className="ml-auto text-sm text-neutral-400 hover:text-neutral-100"
        >
          Close
        </Link>
      </div>
      {title === null && <p className="mt-2 text-sm text-neutral-500">This link names no list on this page; pick a number above.</p>}
      {ids.length > 0 && (
        <div className="mt-2 max-h-[32rem] overflow-auto">
          <table className="w-full text-sm">
            <thead className="sticky top-0 bg-neutral-900">
              <tr>
                <th className={th}>Item</th>
                <th className={th}>Edit type</th>
                {reviewers.map((name) => (
                  <th key={name} className={th}>
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ids.slice(0, LIMIT).map((id) => {
                const unit = agreement.units.get(id)!;
                return (
                  <tr key={id} className="border-t border-neutral-800" data-item={id}>
                    <td className={`${td} tabular-nums`}>
                      <Link
                        href={`/datasets/${datasetId}/items/${id}`}
                        className="text-amber-200 underline decoration-amber-500/30 underline-offset-2 hover:decoration-amber-300"
                      >
                        #{id}
                      </Link>
                    </td>
                    <td className={`${td} text-neutral-300`}>{unit.editType}</td>
                    {reviewers.map((name) => {
                      const verdict = unit.verdicts[name];
                      return (
                        <td key={name} className={`${td} ${verdict ? VERDICT_CLASS[verdict] : "text-neutral-600"}`}>
                          {verdict ?? "·"}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
