// Reliability diagram in plain SVG: for each band of judge scores, the share of human accepts
// (bar) and where the band's mean score sits (dot on the curve). On the dashed diagonal a score
// of 0.8 would mean 80% accepted. Each bar links to the reviewed items in its band.
import type { AuditReport } from "@/lib/audit/report";
import { itemsHref, num, pct } from "./audit-format";

const W = 380;
const H = 230;
const M = { left: 34, right: 8, top: 16, bottom: 30 };
const x = (value: number) => M.left + value * (W - M.left - M.right);
const y = (value: number) => H - M.bottom - value * (H - M.top - M.bottom);
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

export function ReliabilityChart({ report }: { report: AuditReport }) {
  const bins = report.reliability.filter((bin) => bin.count > 0);
  const maxCount = Math.max(1, ...bins.map((bin) => bin.count));
  const curve = bins.map((bin) => `${x(bin.mean_score!)},${y(bin.human_accept_rate!)}`).join(" ");
  return (
    <figure className="space-y-1" data-testid="reliability-chart">
      <figcaption className="flex items-baseline justify-between text-sm font-semibold">
        <span>Calibration</span>
        <span className="text-xs font-normal text-neutral-400">ECE {num(report.ece, 3)} · Brier {num(report.brier, 3)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label="Share of human accepts by judge score band">
        {TICKS.map((tick) => (
          <g key={tick} className="text-neutral-500">
            <line x1={x(0)} x2={x(1)} y1={y(tick)} y2={y(tick)} stroke="currentColor" strokeOpacity={0.15} />
            <text x={M.left - 4} y={y(tick) + 3} textAnchor="end" fontSize={9} fill="currentColor">{pct(tick)}</text>
            <text x={x(tick)} y={H - M.bottom + 12} textAnchor="middle" fontSize={9} fill="currentColor">{tick.toFixed(1)}</text>
          </g>
        ))}
        <line x1={x(report.dataset.threshold)} x2={x(report.dataset.threshold)} y1={y(0)} y2={y(1)} stroke="#a3a3a3" strokeDasharray="2 3" />
        <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} stroke="#737373" strokeDasharray="5 4" />
        {bins.map((bin) => (
          <a key={bin.lo} href={itemsHref(report.dataset.id, report.slice, { min: bin.lo, max: bin.hi, rev: "1" })}>
            <title>{`scores ${num(bin.lo, 1)}–${num(bin.hi, 1)}: ${bin.count} items, mean score ${num(bin.mean_score)}, ${pct(bin.human_accept_rate)} accepted by humans`}</title>
            <rect
              x={x(bin.lo) + 2}
              width={x(bin.hi) - x(bin.lo) - 4}
              y={y(bin.human_accept_rate!)}
              height={Math.max(1, y(0) - y(bin.human_accept_rate!))}
              fill="#38bdf8"
              fillOpacity={0.2 + 0.5 * (bin.count / maxCount)}
            />
            <text x={(x(bin.lo) + x(bin.hi)) / 2} y={y(bin.human_accept_rate!) - 3} textAnchor="middle" fontSize={9} fill="#d4d4d4">{bin.count}</text>
          </a>
        ))}
        <polyline points={curve} fill="none" stroke="#fbbf24" strokeWidth={1.5} />
        {bins.map((bin) => <circle key={bin.lo} cx={x(bin.mean_score!)} cy={y(bin.human_accept_rate!)} r={2.5} fill="#fbbf24" />)}
        <text x={(x(0) + x(1)) / 2} y={H - 2} textAnchor="middle" fontSize={10} fill="#a3a3a3">judge overall score (dotted: threshold)</text>
      </svg>
      <p className="text-[11px] text-neutral-500">Bars: share of human accepts per score band (number = items). Above the dashed diagonal the judge is too harsh, below it too lenient.</p>
    </figure>
  );
}
