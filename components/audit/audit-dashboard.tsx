// The audit page's body: slice controls, the three answers, then the evidence (confusion matrix,
// calibration, threshold sweep, slices worst first, criteria, weights, sampling, judges, reviewers).
import type { ReactNode } from "react";
import type { DatasetAccess } from "@/lib/auth/roles";
import type { AuditReport } from "@/lib/audit/report";
import { auditSliceToSearch } from "@/lib/audit/slice";
import { AuditEmpty } from "./audit-empty";
import { AuditHeadline } from "./audit-headline";
import { AuditSliceBar, type SliceOptions } from "./audit-slice-bar";
import { ComparisonTable } from "./comparison-table";
import { ConfusionMatrix } from "./confusion-matrix";
import { CriteriaTable } from "./criteria-table";
import { DirectionTable } from "./direction-table";
import { ReliabilityChart } from "./reliability-chart";
import { SamplingPanel } from "./sampling-panel";
import { SliceTable } from "./slice-table";
import { ThresholdPanel } from "./threshold-panel";
import { WeightsPanel } from "./weights-panel";

function Panel({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <div className={`rounded-md border border-neutral-800 bg-neutral-900/40 p-3 ${className}`}>{children}</div>;
}

type Props = {
  report: AuditReport;
  options: Omit<SliceOptions, "judgeIds" | "reviewers" | "samples">;
  /** What the account may open: the hints link to the queue and the judge only for those who may use them. */
  can: DatasetAccess;
};

export function AuditDashboard({ report, options, can }: Props) {
  const id = report.dataset.id;
  const sliceOptions: SliceOptions = {
    ...options,
    judgeIds: report.options.judge_ids,
    reviewers: report.options.reviewers,
    samples: report.sampling.samples.map((sample) => ({ id: sample.id, method: sample.method, size: sample.size })),
  };
  const hasLabels = report.labelled > 0;
  return (
    <div className="space-y-4 px-4 py-4" data-testid="audit-dashboard">
      <AuditSliceBar
        slice={report.slice}
        options={sliceOptions}
        jsonHref={`/api/datasets/${id}/audit${auditSliceToSearch(report.slice)}`}
      />
      {hasLabels ? <AuditHeadline report={report} /> : <AuditEmpty report={report} can={can} />}
      {hasLabels && report.notes.length > 0 && (
        <ul className="space-y-0.5 text-xs text-amber-200/90" data-testid="audit-notes">
          {report.notes.map((note) => (
            <li key={note}>⚠ {note}</li>
          ))}
        </ul>
      )}
      {hasLabels && (
        <div className="grid gap-3 lg:grid-cols-3">
          <Panel>
            <ConfusionMatrix report={report} />
          </Panel>
          <Panel>
            <ReliabilityChart report={report} />
          </Panel>
          <Panel>
            <ThresholdPanel report={report} />
          </Panel>
        </div>
      )}
      {hasLabels && (
        <Panel>
          <DirectionTable report={report} />
        </Panel>
      )}
      <Panel>
        <h2 className="mb-2 text-sm font-semibold">
          Where the judge is wrong: by edit type <span className="font-normal text-neutral-400">(worst first)</span>
        </h2>
        <SliceTable report={report} kind="edit_type" />
      </Panel>
      <Panel>
        <h2 className="mb-2 text-sm font-semibold">By group</h2>
        <SliceTable report={report} kind="group" />
      </Panel>
      <div className="grid gap-3 lg:grid-cols-2">
        <Panel>
          <SamplingPanel report={report} canReview={can.review} />
        </Panel>
        <Panel>
          <WeightsPanel report={report} />
        </Panel>
        <Panel>
          <CriteriaTable report={report} />
        </Panel>
        <Panel className="space-y-4">
          <ComparisonTable report={report} kind="judge" />
          {report.options.judge_ids.length >= 2 && (
            <a
              href={`/datasets/${id}/audit/compare?a=${encodeURIComponent(report.options.judge_ids[0])}&b=${encodeURIComponent(report.options.judge_ids[1])}`}
              className="text-xs underline"
              data-testid="compare-judges-link"
            >
              Compare two judges side by side →
            </a>
          )}
          <ComparisonTable report={report} kind="reviewer" />
        </Panel>
      </div>
    </div>
  );
}
