// Agreement per judge (several judges' results on the same items) or per reviewer, each row a
// link to the audit sliced that way.
import Link from "next/link";
import type { AgreementStats, AuditReport } from "@/lib/audit/report";
import type { AuditSlice } from "@/lib/audit/slice";
import { auditHref, num, pct } from "./audit-format";

type Row = AgreementStats & { name: string; slice: AuditSlice; isCurrent: boolean };

export function ComparisonTable({ report, kind }: { report: AuditReport; kind: "judge" | "reviewer" }) {
  const base = report.slice;
  const rows: Row[] =
    kind === "judge"
      ? report.by_judge.map((row) => ({
          ...row,
          name: row.judge_id,
          slice: { ...base, judge_id: row.judge_id },
          isCurrent: base.judge_id === row.judge_id,
        }))
      : report.by_reviewer.map((row) => ({
          ...row,
          name: row.reviewer,
          slice: { ...base, reviewer: row.reviewer },
          isCurrent: base.reviewer === row.reviewer,
        }));
  return (
    <section className="space-y-2" data-testid={`by-${kind}`}>
      <h3 className="text-sm font-semibold">
        {kind === "judge" ? "By judge (same reviewed items)" : "By reviewer (each against the judge)"}
      </h3>
      {rows.length === 0 ? (
        <p className="text-xs text-neutral-500">{kind === "judge" ? "No judgements yet." : "No reviewers yet."}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-xs">
            <thead className="text-left text-xs uppercase tracking-wide text-neutral-400">
              <tr className="border-b border-neutral-800">
                <th className="py-1 font-medium">{kind}</th>
                <th className="px-2 font-medium">Labelled</th>
                <th className="px-2 font-medium">Accuracy</th>
                <th className="px-2 font-medium">κ</th>
                <th className="px-2 font-medium">Judge pass</th>
                <th className="px-2 font-medium">Human pass</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.name} className={`border-b border-neutral-900 ${row.isCurrent ? "bg-neutral-800/50" : ""}`}>
                  <td className={`py-1.5 ${kind === "judge" ? "font-mono" : ""}`}>
                    <Link
                      href={auditHref(report.dataset.id, row.slice)}
                      className="block max-w-[16rem] truncate hover:underline"
                      title={row.name}
                    >
                      {row.name}
                    </Link>
                  </td>
                  <td className="px-2 tabular-nums">{row.labelled}</td>
                  <td className="px-2 tabular-nums">{pct(row.accuracy)}</td>
                  <td className="px-2 tabular-nums" title={row.kappa_note ?? ""}>
                    {num(row.kappa)}
                  </td>
                  <td className="px-2 tabular-nums">{pct(row.judge_pass_rate)}</td>
                  <td className="px-2 tabular-nums">{pct(row.human_pass_rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
