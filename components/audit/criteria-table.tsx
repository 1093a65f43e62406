// Per criterion: how far reviewers' corrected scores sit from the judge's (mean human − judge,
// with a t interval, drawn around zero) and whether they rank items alike (Spearman ρ).
import type { AuditReport } from "@/lib/audit/report";
import { CRITERION_LABELS } from "@/lib/taxonomy";
import { num } from "./audit-format";

function DiffBar({ mean, ci }: { mean: number | null; ci: [number, number] | null }) {
  // ±0.5 spans the bar; a positive difference (humans score higher) grows right.
  const at = (value: number) => `${50 + Math.max(-0.5, Math.min(0.5, value)) * 100}%`;
  return (
    <span className="relative block h-3 w-40 rounded bg-neutral-800">
      <span className="absolute inset-y-0 left-1/2 w-px bg-neutral-500" />
      {ci && (
        <span
          className="absolute top-1/2 h-px -translate-y-1/2 bg-neutral-300"
          style={{ left: at(ci[0]), width: `calc(${at(ci[1])} - ${at(ci[0])})` }}
        />
      )}
      {mean !== null && (
        <span className="absolute top-1/2 h-2 w-2 -translate-x-1/2 -translate-y-1/2 rounded-full bg-amber-400" style={{ left: at(mean) }} />
      )}
    </span>
  );
}

export function CriteriaTable({ report }: { report: AuditReport }) {
  const hasAny = report.criteria.some((row) => row.n > 0);
  return (
    <section className="space-y-2" data-testid="criteria-table">
      <h3 className="text-sm font-semibold">Per criterion: human − judge</h3>
      {!hasAny && (
        <p className="text-xs text-neutral-400">
          No reviewer has given criterion scores yet. On an item, open &ldquo;Corrected criterion scores (optional)&rdquo; before accepting
          or rejecting; those scores show up here.
        </p>
      )}
      <table className="w-full text-xs">
        <thead className="text-left text-xs uppercase tracking-wide text-neutral-400">
          <tr className="border-b border-neutral-800">
            <th className="py-1 font-medium">Criterion</th>
            <th className="px-2 font-medium">n</th>
            <th className="px-2 font-medium">Mean difference (95% CI)</th>
            <th className="px-2 font-medium" />
            <th className="px-2 font-medium">Spearman ρ</th>
          </tr>
        </thead>
        <tbody>
          {report.criteria.map((row) => (
            <tr
              key={row.criterion}
              className={`border-b border-neutral-900 ${row.n === 0 ? "text-neutral-500" : ""}`}
              title={row.note ?? ""}
            >
              <td className="py-1.5">{CRITERION_LABELS[row.criterion]}</td>
              <td className="px-2 tabular-nums">{row.n}</td>
              <td className="px-2 tabular-nums">
                {row.mean_difference === null ? "—" : `${row.mean_difference > 0 ? "+" : ""}${num(row.mean_difference)}`}
                {row.ci && (
                  <span className="text-neutral-500">
                    {" "}
                    ({num(row.ci[0])} – {num(row.ci[1])})
                  </span>
                )}
              </td>
              <td className="px-2">
                <DiffBar mean={row.mean_difference} ci={row.ci} />
              </td>
              <td className="px-2 tabular-nums">{num(row.spearman)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-neutral-500">
        Right of the line: reviewers score higher than the judge (it is too strict on that criterion).
      </p>
    </section>
  );
}
