// Per edit type or per group: the same agreement numbers for each slice, worst first (by the low
// end of the error interval), and pass rates side by side: the judge's and the humans' on the
// labelled items, the judge's on every item of the slice, and the paper's stated success rate.
import Link from "next/link";
import type { ReactNode } from "react";
import type { AuditReport, EditTypeRow, GroupRow } from "@/lib/audit/report";
import type { AuditSlice } from "@/lib/audit/slice";
import type { BrowseFilters } from "@/lib/browse/filters";
import { auditHref, itemsHref, num, pct, pctInterval } from "./audit-format";

type Row = (EditTypeRow | GroupRow) & { key: string; slice: AuditSlice; paper: number | null };

function RateBar({ label, value, color, title }: { label: string; value: number | null; color: string; title: string }) {
  return (
    <div className="flex items-center gap-1" title={title}>
      <span className="w-3 text-xs text-neutral-400">{label}</span>
      <span className="h-2 w-16 overflow-hidden rounded bg-neutral-800">
        {value !== null && <span className={`block h-full ${color}`} style={{ width: `${value * 100}%` }} />}
      </span>
      <span className="w-10 text-right text-xs tabular-nums text-neutral-300">{pct(value)}</span>
    </div>
  );
}

function CellLink({ href, isEmpty, children }: { href: string; isEmpty: boolean; children: ReactNode }) {
  if (isEmpty) return <>{children}</>;
  return (
    <Link href={href} className="hover:underline">
      {children}
    </Link>
  );
}

function ErrorCell({ row, href }: { row: Row; href: string }) {
  if (row.labelled === 0) return <span className="text-neutral-600">—</span>;
  const width = (row.error_rate ?? 0) * 100;
  return (
    <Link href={href} className="group flex items-center gap-2" title={`95% CI ${pctInterval(row.error_ci)}`}>
      <span className="relative h-2 w-20 overflow-hidden rounded bg-neutral-800">
        <span className="absolute inset-y-0 left-0 bg-rose-500/80" style={{ width: `${width}%` }} />
        {row.error_ci && (
          <span
            className="absolute inset-y-0 border-x border-rose-200/70"
            style={{ left: `${row.error_ci[0] * 100}%`, width: `${(row.error_ci[1] - row.error_ci[0]) * 100}%` }}
          />
        )}
      </span>
      <span className="tabular-nums underline decoration-neutral-700 group-hover:decoration-amber-400">
        {row.errors}/{row.labelled}
      </span>
    </Link>
  );
}

export function SliceTable({ report, kind }: { report: AuditReport; kind: "edit_type" | "group" }) {
  const id = report.dataset.id;
  const rows: Row[] =
    kind === "edit_type"
      ? report.by_edit_type.map((row) => ({ ...row, key: row.edit_type, slice: { type: row.edit_type }, paper: row.paper_success_rate }))
      : report.by_group.map((row) => ({ ...row, key: row.group, slice: { group: row.group }, paper: null }));
  const keep = { judge_id: report.slice.judge_id, reviewer: report.slice.reviewer, from: report.slice.from, to: report.slice.to };
  const link = (row: Row, filters: BrowseFilters) => itemsHref(id, row.slice, filters);
  return (
    <div className="overflow-x-auto" data-testid={`slice-table-${kind}`}>
      <table className="w-full min-w-[60rem] text-xs">
        <thead className="text-left text-xs uppercase tracking-wide text-neutral-400">
          <tr className="border-b border-neutral-800">
            <th className="py-1.5 pr-2 font-medium">{kind === "edit_type" ? "Edit type" : "Group"}</th>
            <th className="px-2 font-medium">Wrong</th>
            <th className="px-2 font-medium">Accuracy</th>
            <th className="px-2 font-medium">κ</th>
            <th className="px-2 font-medium" title="precision · recall">
              Accepts
            </th>
            <th className="px-2 font-medium" title="precision · recall">
              Rejects
            </th>
            <th
              className="px-2 font-medium"
              title="J: judge on labelled items, H: humans, A: judge on all items of the slice, P: the paper's stated success rate"
            >
              Pass rates
            </th>
            <th className="px-2 text-right font-medium">Items</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.key}
              className={`border-b border-neutral-900 align-middle ${row.labelled === 0 ? "text-neutral-500" : ""}`}
              data-testid="slice-row"
              data-key={row.key}
            >
              <td className="max-w-[22rem] py-1.5 pr-2">
                <Link
                  href={auditHref(id, { ...keep, ...row.slice })}
                  className="block truncate hover:underline"
                  title={`Audit only ${row.key}`}
                >
                  {row.key}
                </Link>
                {"group" in row && kind === "edit_type" && <span className="text-xs text-neutral-500">{row.group}</span>}
              </td>
              <td className="px-2">
                <ErrorCell row={row} href={link(row, { dis: "1" })} />
              </td>
              <td className="px-2 tabular-nums">
                <CellLink href={link(row, { rev: "1" })} isEmpty={row.labelled === 0}>
                  {pct(row.accuracy)}
                </CellLink>
              </td>
              <td
                className="px-2 tabular-nums"
                title={row.kappa_ci ? `95% CI ${num(row.kappa_ci[0])} – ${num(row.kappa_ci[1])}` : (row.kappa_note ?? "")}
              >
                {num(row.kappa)}
              </td>
              <td className="px-2 tabular-nums">
                <CellLink href={link(row, { judge: "pass", rev: "1" })} isEmpty={row.labelled === 0}>
                  {pct(row.accept.precision)} · {pct(row.accept.recall)}
                </CellLink>
              </td>
              <td className="px-2 tabular-nums">
                <CellLink href={link(row, { judge: "fail", rev: "1" })} isEmpty={row.labelled === 0}>
                  {pct(row.reject.precision)} · {pct(row.reject.recall)}
                </CellLink>
              </td>
              <td className="px-2 py-1">
                <RateBar label="J" value={row.judge_pass_rate} color="bg-sky-400" title="judge pass rate on the labelled items" />
                <RateBar label="H" value={row.human_pass_rate} color="bg-emerald-400" title="human pass rate on the labelled items" />
                <RateBar
                  label="A"
                  value={row.population.judge_pass_rate}
                  color="bg-sky-700"
                  title="judge pass rate on every judged item of the slice"
                />
                {kind === "edit_type" && (
                  <RateBar label="P" value={row.paper} color="bg-neutral-400" title="success rate stated in the Pico-Banana-400K paper" />
                )}
              </td>
              <td className="px-2 text-right tabular-nums">
                <Link
                  href={link(row, { rev: "1" })}
                  className="underline decoration-neutral-700 hover:decoration-amber-400"
                  title="reviewed items"
                >
                  {row.labelled}
                </Link>
                <span className="text-neutral-500"> / </span>
                <Link href={link(row, {})} className="underline decoration-neutral-700 hover:decoration-amber-400" title="all items">
                  {row.population.candidates}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
