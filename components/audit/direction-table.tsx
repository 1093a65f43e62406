// Which way the judge errs, per edit type and group: too lenient (passes edits people reject,
// which contaminates the export) or too strict (throws good edits away), surest first. Each row
// shows both pass rates on the same items, the difference with its paired 95% interval, the
// disagreements behind it, the BH-adjusted p, and the contamination it projects into the export.
import Link from "next/link";
import type { AuditReport, DirectionRow } from "@/lib/audit/report";
import { isSure } from "@/lib/audit/report-direction";
import { itemsHref, pct } from "./audit-format";

const points = (value: number) => `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value * 100).toFixed(0)}`;

export const sliceName = (row: DirectionRow) => row.edit_type ?? `${row.group} (group)`;

export function formatP(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

function Rows({ report, rows, kind }: { report: AuditReport; rows: DirectionRow[]; kind: "lenient" | "strict" }) {
  const id = report.dataset.id;
  if (rows.length === 0)
    return (
      <p className="text-xs text-neutral-500">
        No slice where the judge passes {kind === "lenient" ? "more" : "fewer"} edits than people do.
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-xs" data-testid={`too-${kind}`}>
        <thead className="text-left text-xs text-neutral-400">
          <tr className="border-b border-neutral-800">
            <th className="py-1.5 pr-2 font-medium">Slice</th>
            <th className="px-2 font-medium" title="judge pass rate vs people's pass rate on the same labelled items">
              Judge vs people pass
            </th>
            <th className="px-2 font-medium" title="difference in percentage points, Newcombe paired 95% interval">
              Difference (95% CI)
            </th>
            <th
              className="px-2 font-medium"
              title="wrong accepts · wrong rejects; exact McNemar test, Benjamini–Hochberg adjusted across slices"
            >
              Disagreements · adj. p
            </th>
            <th
              className="px-2 font-medium"
              title="share of the judge's passes people reject, and the bad edits that projects into the export"
            >
              Contamination
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const slice = row.edit_type ? { type: row.edit_type } : { group: row.group };
            const c = row.contamination;
            return (
              <tr
                key={sliceName(row)}
                className="border-b border-neutral-900"
                data-testid="direction-row"
                data-key={row.edit_type ?? row.group}
                data-sure={isSure(row) || undefined}
              >
                <td className="max-w-[20rem] py-1.5 pr-2">
                  <span className="block truncate" title={sliceName(row)}>
                    {sliceName(row)}
                  </span>
                  <span className="text-neutral-500">{row.labelled} labelled</span>
                </td>
                <td className="px-2 tabular-nums">
                  {pct(row.judge_pass_rate)} vs {pct(row.human_pass_rate)}
                </td>
                <td className="px-2 tabular-nums">
                  <strong
                    className={isSure(row) ? (kind === "lenient" ? "text-rose-300" : "text-sky-300") : "font-normal text-neutral-300"}
                  >
                    {points(row.difference ?? 0)} pts
                  </strong>{" "}
                  <span className="text-neutral-400">
                    ({row.difference_ci ? `${points(row.difference_ci[0])} to ${points(row.difference_ci[1])}` : "—"})
                  </span>
                </td>
                <td className="px-2 tabular-nums">
                  <Link
                    className="underline decoration-neutral-700 hover:decoration-amber-400"
                    href={itemsHref(id, slice, { judge: "pass", human: "fail" })}
                  >
                    {row.wrong_accepts} accepts
                  </Link>{" "}
                  ·{" "}
                  <Link
                    className="underline decoration-neutral-700 hover:decoration-amber-400"
                    href={itemsHref(id, slice, { judge: "fail", human: "pass" })}
                  >
                    {row.wrong_rejects} rejects
                  </Link>
                  <span className={isSure(row) ? "text-neutral-200" : "text-neutral-500"}> · p {formatP(row.adjusted_p)}</span>
                </td>
                <td className="px-2 tabular-nums">
                  {pct(c.rate)}
                  {c.projected_bad !== null && (
                    <span className="text-neutral-400"> · ≈{Math.round(c.projected_bad).toLocaleString()} in export</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function DirectionTable({ report }: { report: AuditReport }) {
  return (
    <section className="space-y-3" data-testid="direction-table">
      <div>
        <h2 className="text-sm font-semibold">
          Too lenient{" "}
          <span className="font-normal text-neutral-400">(the judge passes edits people reject: these reach the export; surest first)</span>
        </h2>
        <Rows report={report} rows={report.too_lenient} kind="lenient" />
      </div>
      <div>
        <h2 className="text-sm font-semibold">
          Too strict <span className="font-normal text-neutral-400">(the judge fails edits people accept: good data thrown away)</span>
        </h2>
        <Rows report={report} rows={report.too_strict} kind="strict" />
      </div>
      <p className="text-xs text-neutral-500">
        Difference = judge pass rate − people&apos;s on the same items, Newcombe paired 95% interval; p = exact McNemar test on the
        disagreements, Benjamini–Hochberg adjusted over every edit type and group with labels. Highlighted rows hold at the 5% level.
      </p>
    </section>
  );
}
