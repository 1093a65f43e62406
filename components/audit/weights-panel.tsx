// Fitted weights (logistic regression of human verdicts on the four criterion scores, weights
// kept ≥ 0) next to the current ones, with what the change would do to the labelled items.
import type { AuditReport } from "@/lib/audit/report";
import { CRITERIA, CRITERION_LABELS } from "@/lib/taxonomy";
import { ApplyRubricDialog } from "./apply-rubric-dialog";
import { num, pct } from "./audit-format";

function Bar({ value, color }: { value: number; color: string }) {
  return (
    <span className="inline-block h-1.5 w-20 overflow-hidden rounded bg-neutral-800 align-middle">
      <span className={`block h-full ${color}`} style={{ width: `${value * 100}%` }} />
    </span>
  );
}

export function WeightsPanel({ report }: { report: AuditReport }) {
  const w = report.weights;
  const fitted = w.fitted;
  return (
    <section className="space-y-2" data-testid="weights-panel">
      <h3 className="text-sm font-semibold">Weights fitted to the reviewers</h3>
      <table className="w-full text-xs">
        <thead className="text-left text-xs uppercase tracking-wide text-neutral-400">
          <tr className="border-b border-neutral-800">
            <th className="py-1 font-medium">Criterion</th>
            <th className="px-2 font-medium">Now</th>
            <th className="px-2 font-medium">Fitted</th>
          </tr>
        </thead>
        <tbody>
          {CRITERIA.map((criterion) => (
            <tr key={criterion} className="border-b border-neutral-900">
              <td className="py-1.5">{CRITERION_LABELS[criterion]}</td>
              <td className="px-2 tabular-nums">
                <Bar value={w.current[criterion]} color="bg-neutral-400" /> {num(w.current[criterion])}
              </td>
              <td className="px-2 tabular-nums">
                {fitted ? (
                  <>
                    <Bar value={fitted[criterion]} color="bg-amber-400" /> {num(fitted[criterion])}
                  </>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
          <tr>
            <td className="py-1.5">Threshold</td>
            <td className="px-2 tabular-nums">{num(w.threshold)}</td>
            <td className="px-2 tabular-nums">
              {num(w.suggested_threshold)}
              {fitted && w.implied_threshold === null && <span className="text-neutral-500"> (kept)</span>}
            </td>
          </tr>
        </tbody>
      </table>
      {fitted ? (
        <div className="space-y-2 text-xs text-neutral-300">
          <p>
            On the {w.n} labelled items with all four scores: accuracy {pct(w.accuracy_current, 1)} →{" "}
            <strong>{pct(w.accuracy_fitted, 1)}</strong>, κ {num(w.kappa_current)} → <strong>{num(w.kappa_fitted)}</strong>;{" "}
            {w.labelled_flips} of their verdicts would change.
          </p>
          {w.note && <p className="text-neutral-500">{w.note}</p>}
          <ApplyRubricDialog
            datasetId={report.dataset.id}
            current={{ threshold: w.threshold, weights: w.current }}
            proposed={{ threshold: w.suggested_threshold ?? w.threshold, weights: fitted }}
            label="Apply fitted weights"
            testId="apply-weights"
          />
        </div>
      ) : (
        <p className="text-xs text-neutral-400" data-testid="weights-note">
          {w.note}
        </p>
      )}
    </section>
  );
}
