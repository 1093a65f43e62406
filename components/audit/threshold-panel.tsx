"use client";
// Threshold sweep: κ and agreement with the reviewers at every threshold, and how many stored
// verdicts of the dataset would flip (grey area). Current threshold dashed, best in amber: the
// exact optimum over every cut between observed scores, not the 0.01 grid's. Hover to read a
// threshold, click to pick it; the picked one can be applied (with a confirm dialog).
import { useState } from "react";
import type { AuditReport, SweepRow } from "@/lib/audit/report";
import { ApplyRubricDialog } from "./apply-rubric-dialog";
import { itemsHref, num, pct } from "./audit-format";
import { ThresholdChart } from "./threshold-chart";

/** Thresholds off the 0.01 grid (the exact optimum) need four decimals. */
const threshold = (value: number) => (Math.abs(value * 100 - Math.round(value * 100)) < 1e-9 ? num(value) : num(value, 4));

function nearestRow(rows: SweepRow[], value: number): SweepRow {
  return rows.reduce((best, row) => (Math.abs(row.threshold - value) < Math.abs(best.threshold - value) ? row : best), rows[0]);
}

export function ThresholdPanel({ report }: { report: AuditReport }) {
  const sweep = report.threshold_sweep;
  const [picked, setPicked] = useState<SweepRow>(sweep.best ?? sweep.current);
  const [hovered, setHovered] = useState<SweepRow | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const shown = hovered ?? picked;
  const rubric = { threshold: report.dataset.threshold, weights: report.dataset.weights };
  const isCurrent = Math.abs(picked.threshold - report.dataset.threshold) < 1e-9;
  const [from, to] = [Math.min(picked.threshold, report.dataset.threshold), Math.max(picked.threshold, report.dataset.threshold)];

  return (
    <figure className="space-y-1" data-testid="threshold-panel">
      <figcaption className="flex items-baseline justify-between text-sm font-semibold">
        <span>Threshold sweep</span>
        <span className="text-xs font-normal text-neutral-400">
          best{" "}
          <span className="text-amber-300" data-testid="best-threshold">
            {report.best_threshold === null ? "—" : threshold(report.best_threshold)}
          </span>{" "}
          · now {num(report.dataset.threshold)}
        </span>
      </figcaption>
      <ThresholdChart
        rows={sweep.rows}
        current={report.dataset.threshold}
        best={sweep.best?.threshold ?? null}
        shown={shown.threshold}
        onHover={setHovered}
        onPick={setPicked}
      />
      <div className="flex flex-wrap gap-x-3 text-xs">
        <span className="text-amber-300">━ κ</span>
        <span className="text-sky-300">━ agreement</span>
        <span className="text-neutral-400">▇ stored verdicts that flip (right scale)</span>
        <span className="text-neutral-400">┆ current</span>
        <span className="text-amber-400">┃ best</span>
      </div>
      {sweep.best && sweep.best_range && (
        <p className="text-xs text-neutral-400" data-testid="best-threshold-detail">
          Exact best over {sweep.cuts} cuts between the labelled scores: any threshold in (
          {sweep.best_range[0] === null ? "−∞" : num(sweep.best_range[0], 4)},{" "}
          {sweep.best_range[1] === null ? "∞" : num(sweep.best_range[1], 4)}] gives κ {num(sweep.best.kappa, 4)}
          {sweep.grid_best &&
            sweep.grid_best.kappa !== null &&
            sweep.best.kappa !== null &&
            sweep.best.kappa - sweep.grid_best.kappa > 1e-9 && (
              <>
                {" "}
                (the 0.01 grid’s best: κ {num(sweep.grid_best.kappa, 4)} at {num(sweep.grid_best.threshold)})
              </>
            )}
          {sweep.best_accuracy && (
            <>
              ; best agreement {pct(sweep.best_accuracy.agreement, 1)} at {threshold(sweep.best_accuracy.threshold)}
            </>
          )}
          .
        </p>
      )}
      <div className="rounded bg-neutral-900 px-2 py-1.5 text-xs text-neutral-300" data-testid="threshold-detail">
        At <strong>{threshold(shown.threshold)}</strong>: κ {num(shown.kappa)}, agreement {pct(shown.agreement, 1)}, judge passes{" "}
        {pct(shown.judge_pass_rate)} of labelled; {shown.flips} labelled and{" "}
        {shown.dataset_flips === null ? (
          "—"
        ) : (
          <a
            className="underline"
            href={itemsHref(report.dataset.id, report.slice, {
              min: Math.min(shown.threshold, report.dataset.threshold),
              max: Math.max(shown.threshold, report.dataset.threshold),
            })}
          >
            {shown.dataset_flips} stored
          </a>
        )}{" "}
        verdicts flip ({shown.dataset_effective_flips ?? "—"} without a human decision).
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <label className="flex items-center gap-1 text-neutral-400">
          threshold
          <input
            type="number"
            min={0}
            max={1}
            step="any"
            value={draft ?? picked.threshold}
            onChange={(event) => {
              // Keep what is typed ("0." on the way to "0.65"); pick the nearest swept threshold.
              setDraft(event.target.value);
              const value = Number(event.target.value);
              if (event.target.value !== "" && Number.isFinite(value)) setPicked(nearestRow(sweep.rows, value));
            }}
            onBlur={() => setDraft(null)}
            className="w-16 rounded border border-neutral-700 bg-neutral-900 px-1 py-0.5 text-neutral-100"
            aria-label="Threshold to try"
          />
        </label>
        {isCurrent ? (
          <span className="text-neutral-500">the current one; click the chart or type to pick another</span>
        ) : (
          <>
            <ApplyRubricDialog
              datasetId={report.dataset.id}
              current={rubric}
              proposed={{ ...rubric, threshold: picked.threshold }}
              label={`Apply threshold ${threshold(picked.threshold)}`}
              testId="apply-threshold"
            />
            <span className="text-neutral-500">
              scores in [{threshold(from)}, {threshold(to)}) change verdict
            </span>
          </>
        )}
      </div>
    </figure>
  );
}
