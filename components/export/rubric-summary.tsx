// The rubric the export's verdicts follow: the dataset's threshold and criterion weights.
import type { Dataset } from "@/lib/datasets/types";
import { CRITERION_LABELS, RUBRIC } from "@/lib/taxonomy";

export function RubricSummary({ dataset }: { dataset: Dataset }) {
  const weights: [string, number, number][] = [
    [CRITERION_LABELS.instruction_compliance, dataset.weightCompliance, RUBRIC.weights.instruction_compliance],
    [CRITERION_LABELS.seamlessness, dataset.weightSeamlessness, RUBRIC.weights.seamlessness],
    [CRITERION_LABELS.preservation_balance, dataset.weightPreservation, RUBRIC.weights.preservation_balance],
    [CRITERION_LABELS.technical_quality, dataset.weightQuality, RUBRIC.weights.technical_quality],
  ];
  const isDefault = dataset.threshold === RUBRIC.threshold && weights.every(([, value, paper]) => value === paper);
  return (
    <section className="self-start rounded-xl border border-neutral-800 bg-neutral-900/60 p-4" data-testid="export-rubric">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-neutral-400">Rubric applied</h2>
      <p className="mt-2 text-sm text-neutral-300">
        Pass at overall ≥ <span className="font-semibold tabular-nums text-amber-300">{dataset.threshold.toFixed(2)}</span>
        {isDefault ? (
          <span className="text-neutral-500"> (the paper&apos;s settings)</span>
        ) : (
          <span className="text-neutral-500"> (paper: {RUBRIC.threshold})</span>
        )}
      </p>
      <dl className="mt-3 space-y-1 text-sm">
        {weights.map(([label, value, paper]) => (
          <div key={label} className="flex justify-between gap-3 border-b border-neutral-800/70 pb-1">
            <dt className="text-neutral-400">{label}</dt>
            <dd className="tabular-nums">
              {value.toFixed(2)}
              {value !== paper && <span className="ml-1 text-xs text-neutral-500">(paper {paper})</span>}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-neutral-500">
        Each row&apos;s verdict: human decision if any (majority), else the judge under these settings, else the manifest&apos;s own
        pass/fail.
      </p>
    </section>
  );
}
