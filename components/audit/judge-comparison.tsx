// Judge against judge: the plain sentence first, then each judge's agreement with people and its
// cost, the paired differences, who is right where the other is wrong, and the edit types where
// the two differ most. The picker is a plain GET form, so a comparison is a shareable URL.
import Link from "next/link";
import type { JudgeComparisonReport } from "@/lib/audit/compare-judges";
import { interval, num, pct } from "./audit-format";
import { formatP } from "./direction-table";

const usd = (value: number | null) => (value === null ? "—" : `$${value < 0.01 ? value.toFixed(5) : value.toFixed(3)}`);
const span = (ci: [number, number] | null, format: (value: number) => string) => (ci ? `${format(ci[0])} to ${format(ci[1])}` : "—");
const tokens = (value: number | null) => (value === null ? "—" : Math.round(value).toLocaleString());
const signed = (value: number | null, digits = 3) =>
  value === null ? "—" : `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value).toFixed(digits)}`;

export function JudgePicker({
  datasetId,
  judgeIds,
  a,
  b,
  errors,
}: {
  datasetId: number;
  judgeIds: string[];
  a: string;
  b: string;
  errors: string[];
}) {
  const select = "min-w-[16rem] rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm";
  const options = (current: string) => [...new Set([...judgeIds, ...(current ? [current] : [])])];
  return (
    <form
      method="get"
      action={`/datasets/${datasetId}/audit/compare`}
      className="flex flex-wrap items-end gap-3"
      data-testid="judge-picker"
    >
      <label className="flex flex-col gap-1 text-xs text-neutral-400">
        Judge A (the one you use now)
        <select name="a" defaultValue={a} className={select} aria-label="Judge A">
          <option value="">Pick a judge…</option>
          {options(a).map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs text-neutral-400">
        Judge B (the candidate)
        <select name="b" defaultValue={b} className={select} aria-label="Judge B">
          <option value="">Pick a judge…</option>
          {options(b).map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="rounded bg-amber-500 px-3 py-1.5 text-sm font-medium text-neutral-950 hover:bg-amber-400">
        Compare
      </button>
      <Link href={`/datasets/${datasetId}/audit`} className="text-sm text-neutral-400 underline">
        back to the audit
      </Link>
      {judgeIds.length < 2 && (
        <p className="w-full text-sm text-neutral-400">
          Two judges need verdicts on the same reviewed items: run a second judge (Judge tab) over items people have reviewed.
        </p>
      )}
      {errors.length > 0 && (
        <ul className="w-full text-sm text-rose-300" role="alert" data-testid="compare-errors">
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </form>
  );
}

export function JudgeComparisonView({ comparison: c }: { comparison: JudgeComparisonReport }) {
  const sides = [c.a, c.b];
  return (
    <section className="space-y-4" data-testid="judge-comparison">
      <p className="text-base text-neutral-100" data-testid="compare-sentence">
        {c.sentence}
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        {sides.map((side, index) => (
          <div
            key={side.judge_id}
            className="rounded-md border border-neutral-800 bg-neutral-900/40 p-3 text-sm"
            data-testid={`compare-side-${index === 0 ? "a" : "b"}`}
          >
            <div className="text-xs text-neutral-400">Judge {index === 0 ? "A" : "B"}</div>
            <div className="truncate font-medium" title={side.judge_id}>
              {side.judge_id}
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 tabular-nums">
              <dt className="text-neutral-400">κ vs people</dt>
              <dd>
                {num(side.kappa, 3)} <span className="text-xs text-neutral-500">{interval(side.kappa_ci)}</span>
              </dd>
              <dt className="text-neutral-400">Accuracy</dt>
              <dd>{pct(side.accuracy, 1)}</dd>
              <dt className="text-neutral-400">Judge passes</dt>
              <dd>{pct(side.judge_pass_rate)}</dd>
              <dt className="text-neutral-400">Cost per item</dt>
              <dd>{usd(side.cost_per_item_usd)}</dd>
              <dt className="text-neutral-400">Tokens in / out</dt>
              <dd>
                {tokens(side.input_tokens_per_item)} / {tokens(side.output_tokens_per_item)}
              </dd>
            </dl>
          </div>
        ))}
      </div>
      <div className="rounded-md border border-neutral-800 bg-neutral-900/40 p-3 text-sm tabular-nums" data-testid="compare-differences">
        <p>
          B − A on {c.items} items: κ {signed(c.kappa_difference.estimate)}{" "}
          <span className="text-neutral-400">(95% CI {span(c.kappa_difference.ci, (value) => signed(value))})</span>, accuracy{" "}
          {signed(c.accuracy_difference.estimate === null ? null : c.accuracy_difference.estimate * 100, 1)} pts{" "}
          <span className="text-neutral-400">(95% CI {span(c.accuracy_difference.ci, (value) => signed(value * 100, 1))})</span>
          {c.cost_ratio !== null && <>; B costs {pct(c.cost_ratio)} of A per item</>}.
        </p>
        <p className="mt-1">
          Only A right on {c.mcnemar.a_right_b_wrong}, only B right on {c.mcnemar.a_wrong_b_right} items: exact McNemar p{" "}
          {formatP(c.mcnemar.p)}.
        </p>
        <p className="mt-1 text-xs text-neutral-500">
          Intervals: {c.bootstrap.method}, {c.bootstrap.resamples} resamples, seed {c.bootstrap.seed}
          {c.bootstrap.usable < c.bootstrap.resamples ? ` (${c.bootstrap.usable} with κ defined)` : ""}.
        </p>
      </div>
      {c.by_edit_type.length > 0 && (
        <div className="overflow-x-auto">
          <h2 className="mb-1 text-sm font-semibold">Where they differ most</h2>
          <table className="w-full min-w-[40rem] text-xs" data-testid="compare-by-type">
            <thead className="text-left text-neutral-400">
              <tr className="border-b border-neutral-800">
                <th className="py-1.5 pr-2 font-medium">Edit type</th>
                <th className="px-2 font-medium">Items</th>
                <th className="px-2 font-medium">A right</th>
                <th className="px-2 font-medium">B right</th>
                <th className="px-2 font-medium">B − A</th>
                <th className="px-2 font-medium">Only A · only B right · p</th>
              </tr>
            </thead>
            <tbody>
              {c.by_edit_type.map((row) => (
                <tr key={row.edit_type} className="border-b border-neutral-900 tabular-nums">
                  <td className="max-w-[22rem] truncate py-1.5 pr-2" title={row.edit_type}>
                    {row.edit_type}
                  </td>
                  <td className="px-2">{row.items}</td>
                  <td className="px-2">{pct(row.accuracy_a)}</td>
                  <td className="px-2">{pct(row.accuracy_b)}</td>
                  <td className="px-2">{signed(row.difference * 100, 0)} pts</td>
                  <td className="px-2">
                    {row.a_right_b_wrong} · {row.a_wrong_b_right} · {formatP(row.mcnemar_p)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {c.notes.length > 0 && (
        <ul className="space-y-0.5 text-xs text-amber-200/90">
          {c.notes.map((note) => (
            <li key={note}>⚠ {note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
