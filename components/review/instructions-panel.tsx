import type { ItemDetail } from "@/lib/review/types";
import { VerdictBadge } from "@/components/browse/verdict-badge";

/** Both instructions side by side (flagged when identical), edit type, group and dataset prior. */
export function InstructionsPanel({ detail }: { detail: ItemDetail }) {
  const { request, candidate } = detail;
  return (
    <section aria-label="Instructions" className="space-y-2" data-testid="instructions-panel">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="rounded bg-neutral-800 px-2 py-0.5 text-neutral-200" title={request.group}>
          {request.group}
        </span>
        <span className="font-medium text-neutral-100">{request.editType}</span>
        {!request.isKnownType && (
          <span
            className="rounded bg-amber-500/20 px-1.5 text-amber-200"
            title="Not one of the 35 Pico-Banana edit types; kept as imported"
          >
            unknown type
          </span>
        )}
        {request.paperSuccessRate !== null && (
          <span className="text-sky-300" title="success rate stated in the Pico-Banana paper for this edit type">
            paper success {Math.round(request.paperSuccessRate * 100)}%
          </span>
        )}
        {request.paperRows !== null && (
          <span className="text-neutral-500">{request.paperRows.toLocaleString()} rows in Pico-Banana SFT</span>
        )}
      </div>
      <div className="grid gap-2 md:grid-cols-2">
        <div className="rounded-md bg-neutral-900 p-2.5">
          <h3 className="mb-1 text-[11px] uppercase tracking-wide text-neutral-500">Long instruction</h3>
          <p className="text-sm leading-relaxed" data-testid="long-instruction">
            {request.text}
          </p>
        </div>
        <div className="rounded-md bg-neutral-900 p-2.5">
          <h3 className="mb-1 flex items-center gap-2 text-[11px] uppercase tracking-wide text-neutral-500">
            Short instruction
            {request.isIdenticalText && (
              <span className="rounded bg-amber-500/20 px-1 normal-case text-amber-200">identical to the long one</span>
            )}
          </h3>
          <p className="text-sm leading-relaxed" data-testid="short-instruction">
            {request.summarizedText}
          </p>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs text-neutral-400">
        <span>Effective</span>
        <VerdictBadge verdict={candidate.effectiveVerdict} />
        <span>· Judge</span>
        <VerdictBadge verdict={candidate.judgeVerdict} />
        <span>· Human</span>
        <VerdictBadge verdict={candidate.humanVerdict} />
        <span>· Manifest prior</span>
        <VerdictBadge verdict={candidate.prior} />
        {candidate.role === "rejected" && <span className="text-rose-300">a rejected attempt (attempt {candidate.attempt ?? "?"})</span>}
      </div>
    </section>
  );
}
