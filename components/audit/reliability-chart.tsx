"use client";
// Reliability diagram (recharts): for each band of judge scores, the share of human accepts (bar,
// darker = more items; drawn as reference areas, which span the band on the numeric score axis)
// and where the band's mean score sits (amber dots; hover one for its band). On the dashed diagonal
// a score of 0.8 would mean 80% accepted. Clicking a bar opens the reviewed items in its band.
import { useRouter } from "next/navigation";
import { CartesianGrid, ComposedChart, ReferenceArea, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import type { AuditReport } from "@/lib/audit/report";
import { itemsHref, num, pct } from "./audit-format";

const AXIS = { stroke: "#737373", fontSize: 12, fill: "#a3a3a3" };

type Band = { centre: number; lo: number; hi: number; count: number; rate: number | null; mean: number | null };

function BandTooltip({ active, payload }: { active?: boolean; payload?: { payload?: Band }[] }) {
  const band = payload?.[0]?.payload;
  if (!active || !band || band.count === 0) return null;
  return (
    <div className="rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-xs text-neutral-200">
      scores {num(band.lo, 1)}–{num(band.hi, 1)}: {band.count} items, mean score {num(band.mean)}, {pct(band.rate)} accepted by people
    </div>
  );
}

export function ReliabilityChart({ report }: { report: AuditReport }) {
  const router = useRouter();
  const bands: Band[] = report.reliability.map((bin) => ({
    centre: (bin.lo + bin.hi) / 2,
    lo: bin.lo,
    hi: bin.hi,
    count: bin.count,
    rate: bin.count > 0 ? bin.human_accept_rate : null,
    mean: bin.mean_score,
  }));
  const maxCount = Math.max(1, ...bands.map((band) => band.count));
  const points = bands.filter((band) => band.count > 0).map((band) => ({ ...band, centre: band.mean, y: band.rate }));
  const open = (band: Band) => router.push(itemsHref(report.dataset.id, report.slice, { min: band.lo, max: band.hi, rev: "1" }));
  return (
    <figure className="space-y-1" data-testid="reliability-chart">
      <figcaption className="flex items-baseline justify-between text-sm font-semibold">
        <span>Calibration</span>
        <span className="text-xs font-normal text-neutral-400">
          ECE {num(report.ece, 3)} · Brier {num(report.brier, 3)}
        </span>
      </figcaption>
      <ComposedChart
        responsive
        data={points}
        style={{ width: "100%", height: 240 }}
        margin={{ top: 16, right: 12, bottom: 18, left: -4 }}
        aria-label="Share of human accepts by judge score band"
      >
        <CartesianGrid stroke="#404040" strokeOpacity={0.5} vertical={false} />
        <XAxis
          dataKey="centre"
          type="number"
          domain={[0, 1]}
          ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
          tickFormatter={(value: number) => value.toFixed(1)}
          tick={AXIS}
          stroke={AXIS.stroke}
          label={{ value: "judge overall score (dotted: threshold)", position: "insideBottom", offset: -12, fill: "#a3a3a3", fontSize: 12 }}
        />
        <YAxis
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          tickFormatter={(value: number) => pct(value)}
          tick={AXIS}
          stroke={AXIS.stroke}
          width={48}
        />
        <Tooltip content={<BandTooltip />} cursor={false} isAnimationActive={false} />
        {bands
          .filter((band) => band.count > 0)
          .map((band) => (
            <ReferenceArea
              key={band.lo}
              x1={band.lo + 0.01}
              x2={band.hi - 0.01}
              y1={0}
              y2={Math.max(band.rate ?? 0, 0.005)}
              fill="#38bdf8"
              fillOpacity={0.2 + 0.45 * (band.count / maxCount)}
              stroke="none"
              ifOverflow="extendDomain"
              cursor="pointer"
              onClick={() => open(band)}
              label={{ value: String(band.count), position: "insideBottom", fill: "#f5f5f5", fontSize: 12 }}
            />
          ))}
        <Scatter
          data={points}
          dataKey="y"
          name="human accept rate"
          fill="#fbbf24"
          line={{ stroke: "#fbbf24", strokeWidth: 1.5 }}
          isAnimationActive={false}
        />
        <ReferenceLine
          segment={[
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ]}
          stroke="#737373"
          strokeDasharray="5 4"
        />
        <ReferenceLine x={report.dataset.threshold} stroke="#a3a3a3" strokeDasharray="2 3" />
      </ComposedChart>
      <p className="text-xs text-neutral-500">
        Bars: share of human accepts per score band (number at the foot = items; click to open them). Above the dashed diagonal the judge is
        too harsh, below it too lenient.
      </p>
    </figure>
  );
}
