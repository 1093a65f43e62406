// Whether the numbers describe the dataset or only the reviewed items. Labels from an audit
// sample are reweighted by 1/π into dataset-wide estimates with intervals; otherwise the page
// says plainly that the labels are a convenience sample.
import type { AuditReport } from "@/lib/audit/report";
import { LinkIf } from "../dataset/link-if";
import { pct, pctInterval, num } from "./audit-format";

const KIND_STYLE = {
  probability: "bg-emerald-500/15 text-emerald-200",
  convenience: "bg-amber-500/15 text-amber-200",
  none: "bg-neutral-800 text-neutral-300",
} as const;

function Estimate({
  label,
  value,
  hint,
}: {
  label: string;
  value: { rate: number | null; ci: [number, number] | null; n: number };
  hint: string;
}) {
  return (
    <div className="rounded border border-neutral-800 px-2 py-1.5" title={hint}>
      <div className="text-xs text-neutral-400">{label}</div>
      <div className="text-base font-semibold tabular-nums">{pct(value.rate, 1)}</div>
      <div className="text-xs text-neutral-500">{value.ci ? `95% CI ${pctInterval(value.ci)}` : `n = ${value.n}`}</div>
    </div>
  );
}

/** `canReview`: the sample and queue mentions link to the review pages only for an account that may review. */
export function SamplingPanel({ report, canReview }: { report: AuditReport; canReview: boolean }) {
  const sampling = report.sampling;
  const estimate = sampling.estimate;
  return (
    <section className="space-y-2" data-testid="sampling-panel" data-kind={sampling.kind}>
      <h3 className="flex items-center gap-2 text-sm font-semibold">
        Whole-dataset estimates
        <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${KIND_STYLE[sampling.kind]}`}>
          {sampling.kind === "probability" ? "audit sample" : sampling.kind === "convenience" ? "convenience sample" : "no labels"}
        </span>
      </h3>
      <p className="text-xs text-neutral-300">{sampling.note}</p>
      {estimate && (
        <div className="space-y-2" data-testid="sample-estimate">
          <p className="text-xs text-neutral-400">
            Audit sample #{estimate.sample_id} ({estimate.method}): {estimate.labelled} of {estimate.sampled} sampled items labelled,
            weighted by 1/π to the {estimate.population.toLocaleString()} judged items of this slice.
          </p>
          <div className="grid grid-cols-2 gap-2 lg:grid-cols-4">
            <Estimate
              label="Judge wrong"
              value={estimate.error_rate}
              hint="share of all judged items where a reviewer would disagree with the judge"
            />
            <Estimate
              label="Humans would accept"
              value={estimate.human_pass_rate}
              hint="the dataset's true pass rate, by the reviewers' standard"
            />
            <Estimate label="Of judge passes, rejected" value={estimate.false_accept_rate} hint="junk that reaches the exported dataset" />
            <Estimate label="Of judge fails, accepted" value={estimate.false_reject_rate} hint="good edits the judge throws away" />
          </div>
          <p className="text-xs text-neutral-500">
            Weighted κ {num(estimate.kappa)}
            {estimate.kappa_ci ? ` (${num(estimate.kappa_ci[0])} – ${num(estimate.kappa_ci[1])})` : ""}. Hájek estimator; variance:{" "}
            {estimate.variance_method}.{estimate.note && <> {estimate.note}</>}
          </p>
        </div>
      )}
      {sampling.samples.length > 0 ? (
        <p className="text-xs text-neutral-400">
          Samples (open one to continue reviewing it):{" "}
          {sampling.samples.map((sample, index) => (
            <span key={sample.id}>
              {index > 0 && ", "}
              <LinkIf canOpen={canReview} href={`/datasets/${report.dataset.id}/queue/sample/${sample.id}`} className="underline">
                #{sample.id} {sample.method} ({sample.size})
              </LinkIf>
            </span>
          ))}
          .{" "}
          <LinkIf canOpen={canReview} href={`/datasets/${report.dataset.id}/queue`} className="underline">
            Draw another in the review queue
          </LinkIf>
          .
        </p>
      ) : (
        <p className="text-xs text-neutral-400">
          For numbers that hold for the whole dataset,{" "}
          <LinkIf canOpen={canReview} href={`/datasets/${report.dataset.id}/queue`} className="underline">
            draw an audit sample in the review queue
          </LinkIf>{" "}
          (stratified by edit type, uniform, or near the threshold) and review it.
        </p>
      )}
    </section>
  );
}
