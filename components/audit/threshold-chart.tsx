"use client";
// The threshold sweep drawn with recharts: κ and agreement (left axis) at every swept threshold,
// and how many stored verdicts would flip (grey area, its own right-hand scale). The κ axis
// reaches down to the lowest κ actually seen, so no line is clipped; ticks step by 0.2 so labels
// never collide. Current threshold dashed, best (exact optimum) amber, the shown one white.
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { SweepRow } from "@/lib/audit/report";

type Props = {
  rows: SweepRow[];
  current: number;
  best: number | null;
  shown: number;
  onHover: (row: SweepRow | null) => void;
  onPick: (row: SweepRow) => void;
};

const AXIS = { stroke: "#737373", fontSize: 12, fill: "#a3a3a3" };

/** κ axis: from the lowest κ seen (rounded down to 0.1, never above 0) to 1, ticks every 0.2 plus 0. */
export function kappaAxis(rows: readonly SweepRow[]): { domain: [number, number]; ticks: number[] } {
  const lowest = Math.min(0, ...rows.map((row) => row.kappa ?? 0));
  const low = Math.floor(lowest * 10 - 1e-9) / 10;
  const bottom = lowest < 0 ? Math.min(low, -0.1) : 0;
  const ticks: number[] = [];
  for (let tick = Math.ceil(bottom * 5 - 1e-9) / 5; tick <= 1 + 1e-9; tick += 0.2) ticks.push(Math.round(tick * 10) / 10);
  return { domain: [bottom, 1], ticks };
}

export function ThresholdChart({ rows, current, best, shown, onHover, onPick }: Props) {
  const { domain, ticks } = kappaAxis(rows);
  const hasFlips = rows.some((row) => row.dataset_flips !== null);
  const rowAt = (index: unknown) => (typeof index === "number" || typeof index === "string" ? rows[Number(index)] : undefined);
  return (
    <ComposedChart
      responsive
      data={rows}
      style={{ width: "100%", height: 240, cursor: "crosshair" }}
      margin={{ top: 8, right: hasFlips ? 4 : 12, bottom: 18, left: -8 }}
      onMouseMove={(state) => onHover(rowAt(state.activeTooltipIndex) ?? null)}
      onMouseLeave={() => onHover(null)}
      onClick={(state) => {
        const row = rowAt(state.activeTooltipIndex);
        if (row) onPick(row);
      }}
      accessibilityLayer
      aria-label="κ and agreement with the reviewers by threshold, and stored verdicts that would flip"
    >
      <CartesianGrid stroke="#404040" strokeOpacity={0.5} vertical={false} />
      <XAxis
        dataKey="threshold"
        type="number"
        domain={[0, 1]}
        ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
        tickFormatter={(value: number) => value.toFixed(1)}
        tick={AXIS}
        stroke={AXIS.stroke}
        label={{ value: "threshold on the judge overall", position: "insideBottom", offset: -12, fill: "#a3a3a3", fontSize: 12 }}
      />
      <YAxis
        yAxisId="agreement"
        domain={domain}
        ticks={ticks}
        tickFormatter={(value: number) => value.toFixed(1)}
        tick={AXIS}
        stroke={AXIS.stroke}
        width={44}
        allowDataOverflow={false}
      />
      {hasFlips && (
        <YAxis
          yAxisId="flips"
          orientation="right"
          allowDecimals={false}
          tick={AXIS}
          stroke={AXIS.stroke}
          width={44}
          label={{ value: "flips", angle: 90, position: "insideRight", fill: "#a3a3a3", fontSize: 12, dx: 6 }}
        />
      )}
      <Tooltip content={() => null} cursor={{ stroke: "#fafafa", strokeOpacity: 0.4 }} isAnimationActive={false} />
      {hasFlips && (
        <Area
          yAxisId="flips"
          dataKey="dataset_flips"
          type="stepAfter"
          fill="#a3a3a3"
          fillOpacity={0.12}
          stroke="#737373"
          strokeWidth={1}
          isAnimationActive={false}
          name="stored verdicts that flip"
        />
      )}
      <Line
        yAxisId="agreement"
        dataKey="agreement"
        stroke="#38bdf8"
        strokeWidth={2}
        dot={false}
        isAnimationActive={false}
        name="agreement"
      />
      <Line yAxisId="agreement" dataKey="kappa" stroke="#fbbf24" strokeWidth={2} dot={false} isAnimationActive={false} name="κ" />
      <ReferenceLine yAxisId="agreement" y={0} stroke="#a3a3a3" strokeOpacity={0.6} />
      <ReferenceLine yAxisId="agreement" x={current} stroke="#d4d4d4" strokeDasharray="4 4" />
      {best !== null && <ReferenceLine yAxisId="agreement" x={best} stroke="#f59e0b" strokeWidth={2} />}
      <ReferenceLine yAxisId="agreement" x={shown} stroke="#fafafa" strokeOpacity={0.5} />
    </ComposedChart>
  );
}
