// What the audit page says before there is anything to audit: no human decisions yet (how to get
// them), none in this slice (widen it), or decisions that cannot be compared (no judgement, ties).
import Link from "next/link";
import type { AuditReport } from "@/lib/audit/report";
import type { DatasetAccess } from "@/lib/auth/roles";
import { LinkIf } from "../dataset/link-if";
import { auditHref } from "./audit-format";

export function AuditEmpty({ report, can }: { report: AuditReport; can: DatasetAccess }) {
  const id = report.dataset.id;
  const hasReviews = report.reviewed > 0;
  const isSliced = Object.keys(report.slice).some((key) => key !== "sample" && key !== "judge_id");
  const title = hasReviews ? "Nothing to compare yet" : isSliced ? "No human labels in this slice" : "No human labels yet";
  return (
    <section className="space-y-2 rounded-md border border-dashed border-neutral-700 p-4 text-sm" data-testid="audit-empty">
      <h2 className="font-semibold">{title}</h2>
      {hasReviews &&
        report.notes.map((note) => (
          <p key={note} className="text-neutral-300">
            {note}
          </p>
        ))}
      {isSliced && !hasReviews ? (
        <p className="text-neutral-300">
          No decision matches this group, edit type, reviewer or date range.{" "}
          <Link href={auditHref(id, {})} className="underline">
            Show the whole dataset
          </Link>
          .
        </p>
      ) : (
        <>
          <p className="text-neutral-300">
            The audit compares the judge&apos;s verdicts with people&apos;s accept/reject decisions. To get them:
          </p>
          <ol className="list-decimal space-y-1 pl-5 text-neutral-300">
            <li>
              <LinkIf canOpen={can.review} href={`/datasets/${id}/queue`} className="underline">
                Open the review queue
              </LinkIf>{" "}
              and draw an <strong>audit sample</strong> (stratified by edit type, uniform, or near the threshold): its decisions give
              estimates for the whole dataset.
            </li>
            <li>
              Or accept (<kbd>a</kbd>) / reject (<kbd>r</kbd>) items while{" "}
              <Link href={`/datasets/${id}`} className="underline">
                browsing
              </Link>
              : counted too, as a convenience sample.
            </li>
            <li>
              Or import a decisions file (<code>npm run import -- --dataset NAME decisions.jsonl</code>).
            </li>
          </ol>
        </>
      )}
      {report.population.judged === 0 && (
        <p className="text-amber-200">
          No item has a judge verdict either:{" "}
          <LinkIf canOpen={can.admin} href={`/datasets/${id}/judge`} className="underline">
            run a judge
          </LinkIf>{" "}
          first.
        </p>
      )}
    </section>
  );
}
