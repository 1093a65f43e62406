// Per reviewer on the agreement page: items decided, median seconds per item, last active, and
// accuracy on gold items with its Wilson 95 % interval. The same numbers as the JSON's
// reviewers_activity and gold (data-value carries the unrounded value for tests).
import type { GoldAccuracy, ReviewerActivity } from "@/lib/team/activity";
import { DASH, pct } from "./verdict-format";

const th = "px-2 py-1 text-left text-xs font-medium text-neutral-500";
const td = "px-2 py-1 tabular-nums";

const seconds = (value: number | null) => (value === null ? DASH : value < 90 ? `${value.toFixed(1)} s` : `${(value / 60).toFixed(1)} min`);

export function ReviewerStats({
  activity,
  gold,
  sessionGapSeconds,
  goldItems,
}: {
  activity: ReviewerActivity[];
  gold: GoldAccuracy[];
  sessionGapSeconds: number;
  goldItems: number;
}) {
  const names = [...new Set([...activity.map((row) => row.reviewer), ...gold.map((row) => row.reviewer)])].sort();
  return (
    <section className="rounded-md border border-neutral-800 bg-neutral-900/50 p-4" data-testid="reviewer-stats">
      <h3 className="font-semibold">Reviewers</h3>
      <p className="mb-3 mt-0.5 text-xs text-neutral-500">
        Seconds per item: the median gap between a reviewer&apos;s consecutive decisions in the app, gaps over {sessionGapSeconds / 60}{" "}
        minutes counted as breaks and left out. Gold: {goldItems} gold item{goldItems === 1 ? "" : "s"} answered; accuracy is the share of a
        reviewer&apos;s current verdicts that match the known one (95% Wilson interval).
      </p>
      {names.length === 0 ? (
        <p className="text-sm text-neutral-500">No decisions yet.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr>
              <th className={th}>Reviewer</th>
              <th className={th}>Items decided</th>
              <th className={th}>Median per item</th>
              <th className={th}>Last active</th>
              <th className={th}>Gold accuracy</th>
              <th className={th}>95% interval</th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const row = activity.find((entry) => entry.reviewer === name);
              const accuracy = gold.find((entry) => entry.reviewer === name);
              return (
                <tr key={name} className="border-t border-neutral-800" data-testid={`reviewer-row-${name}`}>
                  <td className="px-2 py-1">{name}</td>
                  <td className={td} data-testid="items-decided" data-value={row?.items_decided ?? 0}>
                    {row?.items_decided ?? 0}
                  </td>
                  <td className={td} data-value={row?.median_seconds_per_item ?? ""} title={`${row?.timed_gaps ?? 0} timed gaps`}>
                    {seconds(row?.median_seconds_per_item ?? null)}
                  </td>
                  <td className={td}>{row?.last_active ? new Date(row.last_active).toISOString().slice(0, 16).replace("T", " ") : DASH}</td>
                  <td className={td} data-testid="gold-accuracy" data-value={accuracy?.accuracy ?? ""}>
                    {accuracy ? `${pct(accuracy.accuracy)} (${accuracy.correct}/${accuracy.n})` : DASH}
                  </td>
                  <td className={td} data-testid="gold-interval">
                    {accuracy?.ci_low != null && accuracy.ci_high != null ? `${pct(accuracy.ci_low)}–${pct(accuracy.ci_high)}` : DASH}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
