"use client";
// Threshold sweep: κ and agreement with the reviewers at every threshold, and how many stored
// verdicts of the dataset would flip (grey area). Current threshold dashed, best in amber. Hover
// to read a threshold, click to pick it; the picked one can be applied (with a confirm dialog).
import { useState } from "react";
import type { AuditReport, SweepRow } from "@/lib/audit/report";
import { ApplyRubricDialog } from "./apply-rubric-dialog";
import { itemsHref, num, pct } from "./audit-format";

const W = 420;
const H = 230;
const M = { left: 30, right: 34, top: 12, bottom: 30 };
const x = (t: number) => M.left + t * (W - M.left - M.right);

function nearestRow(rows: SweepRow[], value: number): SweepRow {
  return rows.reduce((best, row) => (Math.abs(row.threshold - value) < Math.abs(best.threshold - value) ? row : best), rows[0]);
}

export function ThresholdPanel({ report }: { report: AuditReport }) {
  const sweep = report.threshold_sweep;
  const [picked, setPicked] = useState<SweepRow>(sweep.best ?? sweep.current);
  const [hovered, setHovered] = useState<SweepRow | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const shown = hovered ?? picked;
  const low = Math.min(0, ...sweep.rows.map((row) => row.kappa ?? 0));
  const y = (value: number) => H - M.bottom - ((value - low) / (1 - low)) * (H - M.top - M.bottom);
  const maxFlips = Math.max(1, ...sweep.rows.map((row) => row.dataset_flips ?? 0));
  const yFlips = (value: number) => H - M.bottom - (value / maxFlips) * (H - M.top - M.bottom);
  const line = (pick: (row: SweepRow) => number | null) =>
    sweep.rows.filter((row) => pick(row) !== null).map((row) => `${x(row.threshold)},${y(pick(row)!)}`).join(" ");
  const flipsArea = `${x(0)},${yFlips(0)} ${sweep.rows.map((row) => `${x(row.threshold)},${yFlips(row.dataset_flips ?? 0)}`).join(" ")} ${x(1)},${yFlips(0)}`;
  const rowAt = (clientX: number, rect: DOMRect) => {
    const t = ((clientX - rect.left) / rect.width) * W;
    const value = Math.min(1, Math.max(0, (t - M.left) / (W - M.left - M.right)));
    return nearestRow(sweep.rows, value);
  };
  const rubric = { threshold: report.dataset.threshold, weights: report.dataset.weights };
  const isCurrent = Math.abs(picked.threshold - report.dataset.threshold) < 1e-9;
  const [from, to] = [Math.min(picked.threshold, report.dataset.threshold), Math.max(picked.threshold, report.dataset.threshold)];

  return (
    <figure className="space-y-1" data-testid="threshold-panel">
      <figcaption className="flex items-baseline justify-between text-sm font-semibold">
        <span>Threshold sweep</span>
        <span className="text-xs font-normal text-neutral-400">
          best <span className="text-amber-300" data-testid="best-threshold">{num(report.best_threshold)}</span> · now {num(report.dataset.threshold)}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="w-full cursor-crosshair"
        role="img"
        aria-label="Agreement and kappa by threshold"
        onMouseMove={(event) => setHovered(rowAt(event.clientX, event.currentTarget.getBoundingClientRect()))}
        onMouseLeave={() => setHovered(null)}
        onClick={(event) => setPicked(rowAt(event.clientX, event.currentTarget.getBoundingClientRect()))}
      >
        {[low, 0, 0.5, 1].filter((tick, index, all) => all.indexOf(tick) === index).map((tick) => (
          <g key={tick}>
            <line x1={x(0)} x2={x(1)} y1={y(tick)} y2={y(tick)} stroke="#525252" strokeOpacity={tick === 0 ? 0.6 : 0.25} />
            <text x={M.left - 4} y={y(tick) + 3} textAnchor="end" fontSize={9} fill="#a3a3a3">{tick.toFixed(1)}</text>
          </g>
        ))}
        {[0, 0.2, 0.4, 0.6, 0.8, 1].map((tick) => <text key={tick} x={x(tick)} y={H - M.bottom + 12} textAnchor="middle" fontSize={9} fill="#a3a3a3">{tick.toFixed(1)}</text>)}
        <polygon points={flipsArea} fill="#a3a3a3" fillOpacity={0.07} stroke="#737373" strokeOpacity={0.5} strokeWidth={0.75} />
        <text x={W - M.right + 4} y={M.top + 6} fontSize={9} fill="#a3a3a3">{maxFlips}</text>
        <text x={W - M.right + 4} y={M.top + 16} fontSize={8} fill="#737373">flips</text>
        <polyline points={line((row) => row.agreement)} fill="none" stroke="#38bdf8" strokeWidth={1.5} />
        <polyline points={line((row) => row.kappa)} fill="none" stroke="#fbbf24" strokeWidth={1.5} />
        <line x1={x(report.dataset.threshold)} x2={x(report.dataset.threshold)} y1={y(1)} y2={y(low)} stroke="#d4d4d4" strokeDasharray="3 3" />
        {sweep.best && <line x1={x(sweep.best.threshold)} x2={x(sweep.best.threshold)} y1={y(1)} y2={y(low)} stroke="#f59e0b" strokeWidth={2} />}
        <line x1={x(shown.threshold)} x2={x(shown.threshold)} y1={y(1)} y2={y(low)} stroke="#fafafa" strokeOpacity={0.5} />
        <text x={(x(0) + x(1)) / 2} y={H - 2} textAnchor="middle" fontSize={10} fill="#a3a3a3">threshold on the judge overall</text>
      </svg>
      <div className="flex flex-wrap gap-x-3 text-[11px]">
        <span className="text-amber-300">━ κ</span>
        <span className="text-sky-300">━ agreement</span>
        <span className="text-neutral-400">▇ stored verdicts that flip</span>
        <span className="text-neutral-400">┆ current</span>
      </div>
      <div className="rounded bg-neutral-900 px-2 py-1.5 text-xs text-neutral-300" data-testid="threshold-detail">
        At <strong>{num(shown.threshold)}</strong>: κ {num(shown.kappa)}, agreement {pct(shown.agreement, 1)}, judge passes {pct(shown.judge_pass_rate)} of labelled;{" "}
        {shown.flips} labelled and{" "}
        {shown.dataset_flips === null ? "—" : (
          <a className="underline" href={itemsHref(report.dataset.id, report.slice, { min: Math.min(shown.threshold, report.dataset.threshold), max: Math.max(shown.threshold, report.dataset.threshold) })}>{shown.dataset_flips} stored</a>
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
            step={0.01}
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
            <ApplyRubricDialog datasetId={report.dataset.id} current={rubric} proposed={{ ...rubric, threshold: picked.threshold }} label={`Apply threshold ${num(picked.threshold)}`} testId="apply-threshold" />
            <span className="text-neutral-500">scores in [{num(from)}, {num(to)}) change verdict</span>
          </>
        )}
      </div>
    </figure>
  );
}
