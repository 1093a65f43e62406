"use client";
// Where a batch run stands: the runner's phase (submitting, submitted, running at Gemini,
// collecting results, retrying failures interactively, done), its Gemini batches by state, and
// what the batch price saved against one call per item.
import type { JudgeJobView } from "@/lib/judge/background";

const PHASE_LABEL: Record<string, string> = {
  submitting: "submitting",
  submitted: "submitted, waiting for Gemini",
  running: "running at Gemini",
  collecting: "collecting results",
  retrying: "retrying failures one by one",
  done: "done",
};

const BATCH_STATE_ORDER = ["building", "submitted", "running", "cancelling", "collecting", "collected"];

function plural(count: number, word: string) {
  return `${count.toLocaleString()} ${word}${count === 1 ? "" : "es"}`;
}

type Props = { job: JudgeJobView; isActive: boolean };

export function BatchProgress({ job, isActive }: Props) {
  const batch = job.batch!;
  const total = Object.values(batch.batches).reduce((sum, count) => sum + count, 0);
  const byState = BATCH_STATE_ORDER.filter((state) => batch.batches[state]).map(
    (state) => `${batch.batches[state]} ${state === "building" ? "being built" : state}`,
  );
  const saving = job.standardCostUsd - job.costUsd;
  // A stopped runner is not polling: say where the batches were, not that they move.
  const phase =
    !isActive && batch.phase !== "done"
      ? `${PHASE_LABEL[batch.phase] ?? batch.phase} (not polled: resume to collect)`
      : (PHASE_LABEL[batch.phase] ?? batch.phase);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-neutral-300" data-testid="batch-progress">
      <span>
        Batch API:{" "}
        <span className="font-medium text-violet-200" data-testid="batch-phase" data-phase={batch.phase}>
          {phase}
        </span>
      </span>
      {total > 0 && (
        <span className="text-neutral-400" data-testid="batch-counts">
          {plural(total, "batch")}: {byState.join(" · ")}
          {batch.itemsInBatches > 0 && ` · ${batch.itemsInBatches.toLocaleString()} items at Gemini`}
        </span>
      )}
      {job.standardCostUsd > 0 && (
        <span
          className="text-emerald-300"
          data-testid="batch-saving"
          title="The same tokens through one call per item would have cost the interactive price."
        >
          saved ${saving.toFixed(4)} ({Math.round((saving / job.standardCostUsd) * 100)}% of ${job.standardCostUsd.toFixed(4)})
        </span>
      )}
    </div>
  );
}
