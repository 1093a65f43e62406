// The agreement page's numbers, each linked to the pairs behind it (the pairs list recomputes
// the same summary and shows the ids under the metric key).
import Link from "next/link";
import type { ReactNode } from "react";
import type { Interval } from "@/lib/audit";
import { metricKey, type AgreementSummary } from "@/lib/pairs/agreement";
import { PAIR_LABELS } from "@/lib/pairs/enums";
import { PAIR_LABEL_TEXT } from "@/lib/pairs/sides";

const pct = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
const ci = (interval: Interval | null) => (interval ? `${(interval.lo * 100).toFixed(0)}–${(interval.hi * 100).toFixed(0)}%` : "");
const kappa = (value: number | null) => (value === null ? "—" : value.toFixed(2));

function Num({ datasetId, metric, children }: { datasetId: number; metric: string; children: ReactNode }) {
  return (
    <Link
      href={`/datasets/${datasetId}/pairs?metric=${encodeURIComponent(metric)}`}
      className="text-amber-200 underline decoration-amber-500/30 underline-offset-2 hover:decoration-amber-300"
      data-metric={metric}
    >
      {children}
    </Link>
  );
}

function Card({ title, note, children, isWide = false }: { title: string; note?: string; children: ReactNode; isWide?: boolean }) {
  return (
    <section className={`rounded-md border border-neutral-800 bg-neutral-900/50 p-4 ${isWide ? "xl:col-span-2" : ""}`}>
      <h2 className="font-semibold">{title}</h2>
      {note && <p className="mb-3 mt-0.5 text-xs text-neutral-500">{note}</p>}
      {children}
    </section>
  );
}

const th = "px-2 py-1 text-left text-xs font-medium text-neutral-500";
const td = "px-2 py-1 tabular-nums";

export function AgreementView({ datasetId, summary }: { datasetId: number; summary: AgreementSummary }) {
  const { multi, bias, consistency, judge } = summary;
  return (
    <div className="grid gap-4 xl:grid-cols-2" data-testid="agreement">
      <Card
        title="Per reviewer"
        note="Each reviewer's current label per pair (latest, not undone; repeats counted separately). Left share: how often the chosen edit was on the left."
      >
        <table className="w-full text-sm">
          <thead>
            <tr>
              <th className={th}>Reviewer</th>
              <th className={th}>Pairs</th>
              {PAIR_LABELS.map((label) => (
                <th key={label} className={th}>
                  {PAIR_LABEL_TEXT[label]}
                </th>
              ))}
              <th className={th}>Repeats</th>
              <th className={th}>Left share</th>
            </tr>
          </thead>
          <tbody>
            {summary.reviewers.map((row) => (
              <tr key={row.reviewerId} className="border-t border-neutral-800" data-reviewer={row.reviewer}>
                <td className={td}>{row.reviewer}</td>
                <td className={td}>
                  <Num datasetId={datasetId} metric={metricKey("reviewer", row.reviewerId)}>
                    {row.pairs}
                  </Num>
                </td>
                {PAIR_LABELS.map((label) => (
                  <td key={label} className={td}>
                    {row.byLabel[label] ? (
                      <Num datasetId={datasetId} metric={metricKey("reviewer", row.reviewerId, label)}>
                        {row.byLabel[label]}
                      </Num>
                    ) : (
                      <span className="text-neutral-500">0</span>
                    )}
                  </td>
                ))}
                <td className={td}>{row.repeats}</td>
                <td className={td} title={ci(row.bias.ci)}>
                  {pct(row.bias.leftShare)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.reviewers.length === 0 && <p className="text-sm text-neutral-500">No labels yet.</p>}
      </Card>
      <Card
        title="Between reviewers"
        note="Pairs with two or more reviewers (skips left out). Cohen's κ per two reviewers, Fleiss' κ over everyone; κ corrects agreement for chance."
      >
        <dl className="grid grid-cols-3 gap-3 text-sm">
          <div>
            <dt className="text-xs text-neutral-500">Pairs labelled by several</dt>
            <dd className="text-lg">
              <Num datasetId={datasetId} metric={metricKey("multi")}>
                {multi.pairs}
              </Num>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-neutral-500">All agree</dt>
            <dd className="text-lg">
              <Num datasetId={datasetId} metric={metricKey("multi", "agree")}>
                {pct(multi.allAgreeShare)}
              </Num>{" "}
              <span className="text-xs text-neutral-500">
                ·{" "}
                <Num datasetId={datasetId} metric={metricKey("multi", "disagree")}>
                  {multi.pairs - multi.allAgree} disagree
                </Num>
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-neutral-500">Fleiss&apos; κ</dt>
            <dd className="text-lg" data-testid="fleiss-kappa">
              {kappa(multi.fleiss.kappa)}
            </dd>
            {multi.fleiss.reason && <dd className="text-[11px] text-neutral-500">{multi.fleiss.reason}</dd>}
          </div>
        </dl>
        {summary.duos.length > 0 && (
          <table className="mt-3 w-full text-sm">
            <thead>
              <tr>
                <th className={th}>Reviewers</th>
                <th className={th}>Shared pairs</th>
                <th className={th}>Agreement</th>
                <th className={th}>Cohen&apos;s κ (95% CI)</th>
                <th className={th}>Disagree</th>
              </tr>
            </thead>
            <tbody>
              {summary.duos.map((duo) => (
                <tr key={`${duo.firstId}-${duo.secondId}`} className="border-t border-neutral-800">
                  <td className={td}>
                    {duo.first} · {duo.second}
                  </td>
                  <td className={td}>
                    <Num datasetId={datasetId} metric={metricKey("duo", duo.firstId, duo.secondId)}>
                      {duo.shared}
                    </Num>
                  </td>
                  <td className={td}>{pct(duo.agreement)}</td>
                  <td className={td} title={duo.kappa.reason ?? ""}>
                    {kappa(duo.kappa.kappa)}
                    {duo.kappa.ci ? ` (${duo.kappa.ci.lo.toFixed(2)} to ${duo.kappa.ci.hi.toFixed(2)})` : duo.kappa.reason ? " ⓘ" : ""}
                  </td>
                  <td className={td}>
                    <Num datasetId={datasetId} metric={metricKey("duo", duo.firstId, duo.secondId, "disagree")}>
                      {Math.round(duo.shared * (1 - (duo.agreement ?? 1)))}
                    </Num>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card
        title="Position bias"
        note="Of labels that chose an edit, how often it was the one on the left. Sides are randomised per pair, so an unbiased labeller sits near 50%."
      >
        <p className="text-sm" data-testid="position-bias">
          Left chosen <b className="text-lg">{pct(bias.leftShare)}</b>{" "}
          <span className="text-neutral-500">{bias.ci ? `(95% CI ${ci(bias.ci)})` : ""}</span> —{" "}
          <Num datasetId={datasetId} metric={metricKey("side", "left")}>
            {bias.left} left
          </Num>{" "}
          ·{" "}
          <Num datasetId={datasetId} metric={metricKey("side", "right")}>
            {bias.right} right
          </Num>{" "}
          · {bias.undecided} without a side
        </p>
        <p className={`mt-1 text-xs ${bias.biased ? "text-amber-300" : "text-neutral-500"}`}>
          {bias.biased === null
            ? "Not enough decisive labels yet."
            : bias.biased
              ? "The interval excludes 50%: labels lean to one side."
              : "No evidence of position bias."}
        </p>
      </Card>
      <Card
        title="Self-consistency"
        note="Repeats come back later with sides swapped; consistent means the same candidate (not the same side) was preferred again."
      >
        <p className="text-sm" data-testid="self-consistency">
          <Num datasetId={datasetId} metric={metricKey("repeat")}>
            {consistency.pairs} repeats
          </Num>{" "}
          · consistent <b className="text-lg">{pct(consistency.share)}</b>{" "}
          <span className="text-neutral-500">{consistency.ci ? `(95% CI ${ci(consistency.ci)})` : ""}</span> ·{" "}
          <Num datasetId={datasetId} metric={metricKey("repeat", "inconsistent")}>
            {consistency.pairs - consistency.consistent} changed
          </Num>
        </p>
        <p className="mt-1 text-xs text-neutral-500">
          Decisive repeats (both times an edit was chosen): {consistency.decisiveConsistent} of {consistency.decisivePairs} consistent (
          {pct(consistency.decisiveShare)}). {consistency.skipped ? `${consistency.skipped} with a skip left out.` : ""}
        </p>
      </Card>
      <Card
        isWide
        title="Human preference vs the judge's score order"
        note="Pairs whose reviewers' majority chose an edit and both edits are judged: does the human pick the higher-scored edit?"
      >
        <table className="w-full text-sm" data-testid="judge-match">
          <thead>
            <tr>
              <th className={th}>Edit type</th>
              <th className={th}>Compared</th>
              <th className={th}>Matches judge</th>
              <th className={th}>Contradicts</th>
              <th className={th}>Equal scores</th>
            </tr>
          </thead>
          <tbody>
            {[...judge.byEditType, judge.overall].map((row) => (
              <tr key={row.editType} className={`border-t border-neutral-800 ${row.editType === "*" ? "font-medium" : ""}`}>
                <td className={td}>{row.editType === "*" ? "All edit types" : row.editType}</td>
                <td className={td}>{row.compared}</td>
                <td className={`${td} whitespace-nowrap`}>
                  <Num datasetId={datasetId} metric={metricKey("judge", row.editType, "match")}>
                    {pct(row.share)}
                  </Num>{" "}
                  <span className="text-xs text-neutral-500">{ci(row.ci)}</span>
                </td>
                <td className={td}>
                  <Num datasetId={datasetId} metric={metricKey("judge", row.editType, "mismatch")}>
                    {row.compared - row.matches}
                  </Num>
                </td>
                <td className={td}>
                  {row.judgeTies ? (
                    <Num datasetId={datasetId} metric={metricKey("judge", row.editType, "tie")}>
                      {row.judgeTies}
                    </Num>
                  ) : (
                    0
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {judge.overall.compared === 0 && (
          <p className="mt-2 text-xs text-neutral-500">No pair has both a decided human majority and two judged edits yet.</p>
        )}
      </Card>
    </div>
  );
}
