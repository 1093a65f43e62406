// The three questions the audit exists for, answered in one line each (how often is the judge
// wrong, where, what threshold), then the headline numbers as cards. Each number links to items.
import Link from "next/link";
import type { ReactNode } from "react";
import type { AuditReport } from "@/lib/audit/report";
import { isSure } from "@/lib/audit/report-direction";
import { isStoredVerdictSlice } from "@/lib/audit/slice";
import { formatP, sliceName } from "./direction-table";
import { itemsHref, num, pct, pctInterval, interval } from "./audit-format";

/** A headline number; `href` opens the items it was computed from. */
function Card({
  label,
  children,
  hint,
  testId,
  value,
  href,
}: {
  label: string;
  children: ReactNode;
  hint?: ReactNode;
  testId: string;
  value: number | null;
  href: string;
}) {
  return (
    <Link
      href={href}
      className="block rounded-md border border-neutral-800 bg-neutral-900/60 px-3 py-2 hover:border-amber-400/60"
      data-testid={testId}
      data-value={value ?? ""}
    >
      <div className="text-xs uppercase tracking-wide text-neutral-400">{label}</div>
      <div className="text-xl font-semibold tabular-nums">{children}</div>
      {hint && <div className="text-xs text-neutral-400">{hint}</div>}
    </Link>
  );
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

const link = "underline decoration-neutral-600 underline-offset-2 hover:decoration-amber-400";

const signedPoints = (value: number) => `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(value * 100).toFixed(0)}`;

/** "Where": the slices the judge is surely too lenient on first (they contaminate the export), then too strict, then the most errors. */
function DirectionAnswer({ report }: { report: AuditReport }) {
  const id = report.dataset.id;
  const lenient = report.too_lenient.filter(isSure).slice(0, 3);
  const strict = report.too_strict.filter(isSure).slice(0, 2);
  const leaning = lenient.length === 0 ? report.too_lenient[0] : undefined;
  const describe = (row: (typeof lenient)[number]) => (
    <span key={sliceName(row)}>
      <Link
        className={link}
        href={itemsHref(id, row.edit_type ? { type: row.edit_type } : { group: row.group }, {
          judge: row.difference! > 0 ? "pass" : "fail",
          human: row.difference! > 0 ? "fail" : "pass",
        })}
      >
        {sliceName(row)}
      </Link>{" "}
      <span className="tabular-nums">
        (judge passes {pct(row.judge_pass_rate)}, people {pct(row.human_pass_rate)}; {signedPoints(row.difference!)} pts, 95% CI{" "}
        {signedPoints(row.difference_ci![0])} to {signedPoints(row.difference_ci![1])})
      </span>
    </span>
  );
  const list = (rows: typeof lenient) =>
    rows.map((row, index) => (
      <span key={sliceName(row)}>
        {index > 0 && "; "}
        {describe(row)}
      </span>
    ));
  return (
    <span data-testid="audit-direction">
      {lenient.length > 0 ? (
        <>
          too lenient on <strong className="text-rose-300">{lenient.length === 1 ? "one slice" : `${lenient.length} slices`}</strong>:{" "}
          {list(lenient)}.{" "}
        </>
      ) : leaning ? (
        <>
          no slice is surely too lenient yet (leaning: {sliceName(leaning)}, adj. p {formatP(leaning.adjusted_p)}).{" "}
        </>
      ) : (
        <>the judge is not more lenient than people on any slice. </>
      )}
      {strict.length > 0 && <>Too strict on {list(strict)}. </>}
    </span>
  );
}

export function AuditHeadline({ report }: { report: AuditReport }) {
  const id = report.dataset.id;
  const slice = report.slice;
  const worst = report.by_edit_type.filter((row) => row.labelled > 0 && row.errors > 0).slice(0, 3);
  const best = report.threshold_sweep.best;
  const current = report.threshold_sweep.current;
  const reviewedHref = itemsHref(id, slice, { rev: "1" });
  return (
    <section className="space-y-3" aria-label="Summary">
      <ol className="space-y-1 text-sm leading-relaxed text-neutral-200" data-testid="audit-answers">
        <li>
          <span className="text-neutral-400">How often: </span>
          the judge disagrees with reviewers on <strong className="text-amber-300">{pct(report.error_rate)}</strong> of{" "}
          <Link className={link} href={itemsHref(id, slice, { rev: "1" })}>
            {plural(report.labelled, "labelled item")}
          </Link>
          {report.error_ci && <span className="text-neutral-400"> (95% CI {pctInterval(report.error_ci)})</span>}:{" "}
          <Link className={link} href={itemsHref(id, slice, { judge: "pass", human: "fail" })}>
            {plural(report.confusion.judge_pass_human_fail, "wrong accept")}
          </Link>
          ,{" "}
          <Link className={link} href={itemsHref(id, slice, { judge: "fail", human: "pass" })}>
            {plural(report.confusion.judge_fail_human_pass, "wrong reject")}
          </Link>
          .
        </li>
        <li>
          <span className="text-neutral-400">Where: </span>
          <DirectionAnswer report={report} />
          {worst.length > 0 && <span className="text-neutral-400">Most errors: </span>}
          {worst.length === 0
            ? "no slice with errors yet."
            : worst.map((row, index) => (
                <span key={row.edit_type}>
                  {index > 0 && "; "}
                  <Link className={link} href={itemsHref(id, { type: row.edit_type }, { dis: "1" })}>
                    {row.edit_type}
                  </Link>{" "}
                  {row.errors} of {row.labelled} wrong
                </span>
              ))}
          {worst.length > 0 && <span className="text-neutral-400"> (worst first, table below)</span>}
        </li>
        <li>
          <span className="text-neutral-400">Threshold: </span>
          {best ? (
            <>
              best{" "}
              <strong className="text-amber-300">
                {num(best.threshold, Math.abs(best.threshold * 100 - Math.round(best.threshold * 100)) < 1e-9 ? 2 : 4)}
              </strong>{" "}
              (κ {num(best.kappa, 3)} vs {num(current.kappa, 3)} at the current {num(report.dataset.threshold)}
              {best.dataset_flips !== null && <>; {best.dataset_flips} stored verdicts would flip</>}). Pick and apply one in the threshold
              sweep.
            </>
          ) : (
            <>not enough labels of both kinds to compare thresholds (current {num(report.dataset.threshold)}).</>
          )}
        </li>
      </ol>
      {!isStoredVerdictSlice(slice) && (
        <p className="text-xs text-neutral-500">
          Links open Browse, which filters on the dataset&apos;s stored verdicts (latest judgement, all reviewers); under this slice its
          counts can differ from the numbers here.
        </p>
      )}
      <div className="grid grid-cols-2 gap-2 md:grid-cols-4 xl:grid-cols-7">
        <Card
          label="Labelled"
          testId="audit-labelled"
          value={report.labelled}
          href={reviewedHref}
          hint={`${report.reviewed} reviewed · ${report.population.candidates.toLocaleString()} in slice`}
        >
          {report.labelled}
        </Card>
        <Card
          label="Accuracy"
          testId="audit-accuracy"
          value={report.accuracy}
          href={itemsHref(id, slice, { dis: "1" })}
          hint={report.error_ci ? `error ${pctInterval(report.error_ci)} · open the errors` : undefined}
        >
          {pct(report.accuracy, 1)}
        </Card>
        <Card
          label="Cohen's κ"
          testId="audit-kappa"
          value={report.kappa}
          href={reviewedHref}
          hint={report.kappa_ci ? `95% CI ${interval(report.kappa_ci)}` : "undefined: see the note above"}
        >
          {num(report.kappa)}
        </Card>
        <Card
          label="Judge accepts"
          testId="audit-accept"
          value={report.accept.precision}
          href={itemsHref(id, slice, { judge: "pass", rev: "1" })}
          hint="precision · recall"
        >
          {pct(report.accept.precision)} <span className="text-sm text-neutral-400">· {pct(report.accept.recall)}</span>
        </Card>
        <Card
          label="Judge rejects"
          testId="audit-reject"
          value={report.reject.precision}
          href={itemsHref(id, slice, { judge: "fail", rev: "1" })}
          hint="precision · recall"
        >
          {pct(report.reject.precision)} <span className="text-sm text-neutral-400">· {pct(report.reject.recall)}</span>
        </Card>
        <Card
          label="Contamination"
          testId="audit-contamination"
          value={report.contamination.rate}
          href={itemsHref(id, slice, { judge: "pass", human: "fail" })}
          hint={
            report.contamination.projected_bad !== null
              ? `≈${Math.round(report.contamination.projected_bad).toLocaleString()} bad edits in the export${report.contamination.method === "ipw" ? " (weighted)" : ""}`
              : "of judge passes, rejected by people"
          }
        >
          {pct(report.contamination.rate, 1)}
          {report.contamination.ci && <span className="text-sm text-neutral-400"> {pctInterval(report.contamination.ci)}</span>}
        </Card>
        <Card label="Calibration ECE" testId="audit-ece" value={report.ece} href={reviewedHref} hint="0 = scores match accept rates">
          {num(report.ece, 3)}
        </Card>
      </div>
    </section>
  );
}
