// The three questions the audit exists for, answered in one line each (how often is the judge
// wrong, where, what threshold), then the headline numbers as cards. Each number links to items.
import Link from "next/link";
import type { ReactNode } from "react";
import type { AuditReport } from "@/lib/audit/report";
import { isStoredVerdictSlice } from "@/lib/audit/slice";
import { itemsHref, num, pct, pctInterval, interval } from "./audit-format";

/** A headline number; `href` opens the items it was computed from. */
function Card({ label, children, hint, testId, value, href }: { label: string; children: ReactNode; hint?: ReactNode; testId: string; value: number | null; href: string }) {
  return (
    <Link href={href} className="block rounded-md border border-neutral-800 bg-neutral-900/60 px-3 py-2 hover:border-amber-400/60" data-testid={testId} data-value={value ?? ""}>
      <div className="text-[11px] uppercase tracking-wide text-neutral-400">{label}</div>
      <div className="text-xl font-semibold tabular-nums">{children}</div>
      {hint && <div className="text-[11px] text-neutral-400">{hint}</div>}
    </Link>
  );
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

const link = "underline decoration-neutral-600 underline-offset-2 hover:decoration-amber-400";

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
          <Link className={link} href={itemsHref(id, slice, { rev: "1" })}>{plural(report.labelled, "labelled item")}</Link>
          {report.error_ci && <span className="text-neutral-400"> (95% CI {pctInterval(report.error_ci)})</span>}:{" "}
          <Link className={link} href={itemsHref(id, slice, { judge: "pass", human: "fail" })}>{plural(report.confusion.judge_pass_human_fail, "wrong accept")}</Link>,{" "}
          <Link className={link} href={itemsHref(id, slice, { judge: "fail", human: "pass" })}>{plural(report.confusion.judge_fail_human_pass, "wrong reject")}</Link>.
        </li>
        <li>
          <span className="text-neutral-400">Where: </span>
          {worst.length === 0
            ? "no slice with errors yet."
            : worst.map((row, index) => (
                <span key={row.edit_type}>
                  {index > 0 && "; "}
                  <Link className={link} href={itemsHref(id, { type: row.edit_type }, { dis: "1" })}>{row.edit_type}</Link> {row.errors} of {row.labelled} wrong
                </span>
              ))}
          {worst.length > 0 && <span className="text-neutral-400"> (worst first, table below)</span>}
        </li>
        <li>
          <span className="text-neutral-400">Threshold: </span>
          {best ? (
            <>
              best <strong className="text-amber-300">{num(best.threshold)}</strong> (κ {num(best.kappa)} vs {num(current.kappa)} at the current {num(report.dataset.threshold)}
              {best.dataset_flips !== null && <>; {best.dataset_flips} stored verdicts would flip</>}). Pick and apply one in the threshold sweep.
            </>
          ) : (
            <>not enough labels of both kinds to compare thresholds (current {num(report.dataset.threshold)}).</>
          )}
        </li>
      </ol>
      {!isStoredVerdictSlice(slice) && (
        <p className="text-xs text-neutral-500">Links open Browse, which filters on the dataset&apos;s stored verdicts (latest judgement, all reviewers); under this slice its counts can differ from the numbers here.</p>
      )}
      <div className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-6">
        <Card label="Labelled" testId="audit-labelled" value={report.labelled} href={reviewedHref} hint={`${report.reviewed} reviewed · ${report.population.candidates.toLocaleString()} in slice`}>
          {report.labelled}
        </Card>
        <Card label="Accuracy" testId="audit-accuracy" value={report.accuracy} href={itemsHref(id, slice, { dis: "1" })} hint={report.error_ci ? `error ${pctInterval(report.error_ci)} · open the errors` : undefined}>
          {pct(report.accuracy, 1)}
        </Card>
        <Card label="Cohen's κ" testId="audit-kappa" value={report.kappa} href={reviewedHref} hint={report.kappa_ci ? `95% CI ${interval(report.kappa_ci)}` : "undefined: see the note above"}>
          {num(report.kappa)}
        </Card>
        <Card label="Judge accepts" testId="audit-accept" value={report.accept.precision} href={itemsHref(id, slice, { judge: "pass", rev: "1" })} hint="precision · recall">
          {pct(report.accept.precision)} <span className="text-sm text-neutral-400">· {pct(report.accept.recall)}</span>
        </Card>
        <Card label="Judge rejects" testId="audit-reject" value={report.reject.precision} href={itemsHref(id, slice, { judge: "fail", rev: "1" })} hint="precision · recall">
          {pct(report.reject.precision)} <span className="text-sm text-neutral-400">· {pct(report.reject.recall)}</span>
        </Card>
        <Card label="Calibration ECE" testId="audit-ece" value={report.ece} href={reviewedHref} hint="0 = scores match accept rates">
          {num(report.ece, 3)}
        </Card>
      </div>
    </section>
  );
}
