import Link from "next/link";
import { DATASET_PAGES, type DatasetPage } from "@/lib/auth/dataset-pages";
import type { DatasetAccess } from "@/lib/auth/roles";
import type { DatasetSummary } from "@/lib/datasets/types";

type Step = { count: number; text: string; done: string; action: string; page: DatasetPage; search?: string; testId: string };

/**
 * What a dataset needs next, largest gaps first; done steps say so instead of disappearing. A step
 * links to its page only for an account that may open it (`can`).
 */
export function NextSteps({ dataset, can }: { dataset: DatasetSummary; can: DatasetAccess }) {
  const base = `/datasets/${dataset.id}`;
  const steps: Step[] = [
    {
      count: dataset.candidates - dataset.judged,
      text: "not judged yet",
      done: "every item judged",
      action: "Run a judge",
      page: "/judge",
      testId: "next-unjudged",
    },
    {
      count: dataset.candidates - dataset.reviewed,
      text: "not reviewed by a person",
      done: "every item reviewed",
      action: "Review queue",
      page: "/queue",
      testId: "next-unreviewed",
    },
    {
      count: dataset.unlabelledPairs,
      text: `of ${dataset.pairs.toLocaleString()} preference pairs unlabelled`,
      done: dataset.pairs ? "every pair labelled" : "no preference pairs yet",
      action: "Label pairs",
      page: "/pairs/label",
      testId: "next-unlabelled-pairs",
    },
  ];
  return (
    <section aria-label={`What ${dataset.name} needs next`} className="rounded-lg border border-neutral-800 bg-neutral-950/60 p-4">
      <h3 className="mb-3 text-xs font-semibold uppercase tracking-wide text-neutral-400">Needs next</h3>
      <ul className="space-y-2 text-sm">
        {steps.map((step) => (
          <li key={step.testId} className="flex items-center justify-between gap-3" data-testid={step.testId}>
            <span className={step.count > 0 ? "text-neutral-200" : "text-neutral-400"}>
              {step.count > 0 ? (
                <>
                  <strong className="tabular-nums font-semibold text-amber-300">{step.count.toLocaleString()}</strong> {step.text}
                </>
              ) : (
                `✓ ${step.done}`
              )}
            </span>
            {step.count > 0 && can[DATASET_PAGES[step.page]] && (
              <Link href={`${base}${step.page}`} className="shrink-0 rounded-md bg-neutral-800 px-2.5 py-1 text-xs hover:bg-neutral-700">
                {step.action} →
              </Link>
            )}
          </li>
        ))}
        <li className="flex items-center justify-between gap-3 border-t border-neutral-800 pt-2">
          <span className="text-neutral-300">
            <strong className="tabular-nums font-semibold">{dataset.disagreements.toLocaleString()}</strong> judge verdicts overridden by
            people
          </span>
          <Link href={`${base}/audit`} className="shrink-0 rounded-md bg-neutral-800 px-2.5 py-1 text-xs hover:bg-neutral-700">
            Audit the judge →
          </Link>
        </li>
      </ul>
    </section>
  );
}
