"use client";
// What the edits were asked to do (both instructions, or the prompt chain of a multi-turn
// pair), the edit type, and the judge's scores — hidden until this pair is labelled, so the
// scores cannot anchor the choice. Checkboxes give focus back to the page so label keys keep
// working (a focused input swallows shortcuts).
import type { PairCandidateView, PairItem } from "@/lib/pairs/types";

const VERDICT_TONE: Record<string, string> = {
  pass: "text-emerald-300",
  fail: "text-red-300",
  unresolved: "text-amber-300",
  none: "text-neutral-500",
};

const roleText = (candidate: PairCandidateView) =>
  candidate.role === "sft"
    ? "manifest output"
    : candidate.role === "rejected"
      ? `rejected attempt ${candidate.attempt ?? ""}`.trim()
      : candidate.role;

// Two lines in a narrow column: side and score, then the verdicts; the rest is in the tooltip.
function Score({ side, candidate, threshold }: { side: string; candidate: PairCandidateView; threshold: number }) {
  return (
    <div
      className="min-w-0 rounded border border-neutral-800 bg-neutral-900/60 p-2"
      data-judge-side={side}
      title={`${side} edit: candidate #${candidate.id}, ${roleText(candidate)}; threshold ${threshold}`}
    >
      <div className="flex items-baseline justify-between gap-2 whitespace-nowrap">
        <span className="truncate text-xs text-neutral-400">
          {side} · #{candidate.id}
        </span>
        <span className="font-mono text-lg tabular-nums text-neutral-100">
          {candidate.judgeOverall === null ? "—" : candidate.judgeOverall.toFixed(3)}
        </span>
      </div>
      <div className="truncate whitespace-nowrap text-xs">
        <span className={VERDICT_TONE[candidate.judgeVerdict] ?? ""}>judge {candidate.judgeVerdict}</span>
        <span className="text-neutral-500"> · </span>
        <span className={VERDICT_TONE[candidate.effectiveVerdict] ?? ""}>effective {candidate.effectiveVerdict}</span>
      </div>
      {candidate.judgeOverall !== null && (
        <div className="mt-1 h-1 rounded bg-neutral-800">
          <div className="h-full rounded bg-amber-400/70" style={{ width: `${Math.round(candidate.judgeOverall * 100)}%` }} />
        </div>
      )}
    </div>
  );
}

export type PairInfoProps = { item: PairItem; isLabelled: boolean; isRevealed: boolean; onRevealChange: (isRevealed: boolean) => void };

export function PairInfo({ item, isLabelled, isRevealed, onRevealChange }: PairInfoProps) {
  const [left, right] = item.leftCandidateId === item.a.id ? [item.a, item.b] : [item.b, item.a];
  const chain = item.promptChain && item.promptChain.length > 1 ? item.promptChain : null;
  return (
    <section className="space-y-3 text-sm">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="rounded bg-neutral-800 px-2 py-0.5 text-neutral-200" data-testid="pair-edit-type">
          {item.editType}
        </span>
        <span className="text-neutral-500">
          {item.group}
          {item.isKnownType ? "" : " · unknown type"}
        </span>
      </div>
      {chain ? (
        <div>
          <h3 className="text-xs font-medium uppercase tracking-wide text-neutral-500">Prompt chain from the original</h3>
          <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-neutral-200">
            {chain.map((prompt, index) => (
              <li key={index}>{prompt}</li>
            ))}
          </ol>
        </div>
      ) : (
        <>
          <div>
            <h3 className="text-xs font-medium uppercase tracking-wide text-neutral-500">Short instruction</h3>
            <p className="mt-0.5 text-base text-neutral-100" data-testid="pair-instruction">
              {item.summarizedText || <em className="text-neutral-500">(empty)</em>}
            </p>
          </div>
          <div>
            <h3 className="text-xs font-medium uppercase tracking-wide text-neutral-500">
              Long instruction{" "}
              {item.isIdenticalText && <span className="ml-1 normal-case text-amber-300/80">· identical to the short one</span>}
            </h3>
            {!item.isIdenticalText && <p className="mt-0.5 max-h-28 overflow-y-auto text-neutral-300">{item.text}</p>}
          </div>
        </>
      )}
      <div className="space-y-2 border-t border-neutral-800 pt-3">
        <div className="flex items-center justify-between">
          <h3 className="text-xs font-medium uppercase tracking-wide text-neutral-500">Judge</h3>
          <label
            className={`flex items-center gap-1.5 text-xs ${isLabelled ? "text-neutral-300" : "text-neutral-500"}`}
            title={isLabelled ? "" : "Label the pair first: seeing the scores before choosing anchors the choice"}
          >
            <input
              type="checkbox"
              checked={isRevealed}
              onChange={(event) => (onRevealChange(event.target.checked), event.currentTarget.blur())}
              data-testid="reveal-judge"
            />
            show scores after labelling
          </label>
        </div>
        {isLabelled && isRevealed ? (
          <div className="grid grid-cols-2 gap-2" data-testid="judge-scores">
            <Score side="Left" candidate={left} threshold={item.threshold} />
            <Score side="Right" candidate={right} threshold={item.threshold} />
          </div>
        ) : (
          <p className="text-xs text-neutral-500" data-testid="judge-hidden">
            {isLabelled ? "Scores hidden." : "Hidden until you label this pair (avoids anchoring)."}
          </p>
        )}
      </div>
    </section>
  );
}
