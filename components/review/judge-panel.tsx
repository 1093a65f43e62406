// The judge's side: each criterion with its weight, the weighted overall under the dataset's
// current weights, threshold and verdict, rationale and judge id; every judgement when several.
import type { ItemDetail, JudgementView } from "@/lib/review/types";
import { CRITERIA, CRITERION_LABELS } from "@/lib/taxonomy";
import { VerdictBadge } from "@/components/browse/verdict-badge";

function ScoreBar({ value }: { value: number | null }) {
  if (value === null) return <span className="text-[11px] italic text-neutral-500">not scored</span>;
  return (
    <span className="flex items-center gap-2">
      <span className="h-1.5 w-24 overflow-hidden rounded bg-neutral-800">
        <span className="block h-full bg-sky-400" style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      <span className="w-9 text-right tabular-nums">{value.toFixed(2)}</span>
    </span>
  );
}

function JudgementCard({ judgement, detail, isLatest }: { judgement: JudgementView; detail: ItemDetail; isLatest: boolean }) {
  const isMetrics = judgement.judgeId.startsWith("metrics/");
  return (
    <div
      className={`rounded-md border p-3 ${isLatest ? "border-neutral-700 bg-neutral-900" : "border-neutral-800 bg-neutral-900/40"}`}
      data-testid="judgement"
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <span className="truncate font-mono text-[11px] text-neutral-400" title={judgement.judgeId}>
          {judgement.judgeId}
        </span>
        {judgement.error ? (
          <span className="rounded bg-rose-500/20 px-1.5 text-[11px] text-rose-200">error</span>
        ) : (
          <VerdictBadge verdict={judgement.verdict} />
        )}
      </div>
      {judgement.error ? (
        <div className="space-y-1 text-xs">
          <p className="text-rose-200">{judgement.error}</p>
          {judgement.raw && (
            <details>
              <summary className="cursor-pointer text-neutral-400">Raw answer</summary>
              <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap text-[11px] text-neutral-400">{judgement.raw}</pre>
            </details>
          )}
        </div>
      ) : (
        <>
          <table className="w-full text-xs">
            <tbody>
              {CRITERIA.map((criterion) => (
                <tr key={criterion}>
                  <td className="py-0.5 text-neutral-300">{CRITERION_LABELS[criterion]}</td>
                  <td className="py-0.5 text-right text-neutral-500 tabular-nums" title="weight in the overall">
                    ×{detail.weights[criterion].toFixed(2)}
                  </td>
                  <td className="py-0.5 pl-3">
                    <ScoreBar value={judgement.scores[criterion]} />
                  </td>
                </tr>
              ))}
              <tr className="border-t border-neutral-800">
                <td className="pt-1.5 font-medium">
                  Overall{judgement.scoredCriteria < 4 ? ` (${judgement.scoredCriteria} of 4 criteria)` : ""}
                </td>
                <td className="pt-1.5 text-right text-neutral-500" title="pass threshold">
                  ≥{detail.threshold.toFixed(2)}
                </td>
                <td className="pl-3 pt-1.5">
                  <ScoreBar value={judgement.overall} />
                </td>
              </tr>
            </tbody>
          </table>
          {isMetrics && (
            <p className="mt-2 rounded bg-neutral-800/70 px-2 py-1 text-[11px] text-neutral-300">
              Offline pixel-metrics judge: it measures only preservation and technical quality. Instruction compliance and seamlessness need
              a vision judge and are left unscored; the overall uses the scored criteria&apos;s weights.
            </p>
          )}
          {judgement.rationale && <p className="mt-2 text-xs leading-relaxed text-neutral-300">{judgement.rationale}</p>}
          {judgement.reportedOverall !== null && (
            <p className="mt-1 text-[11px] text-neutral-500">
              Judge reported overall {judgement.reportedOverall.toFixed(2)}; Ripe recomputes it from the criteria and the dataset&apos;s
              weights.
            </p>
          )}
          {(judgement.inputTokens !== null || judgement.costUsd !== null) && (
            <p className="mt-1 text-[11px] text-neutral-500">
              {judgement.inputTokens ?? 0} in / {judgement.outputTokens ?? 0} out tokens
              {judgement.costUsd !== null ? ` · $${judgement.costUsd.toFixed(4)}` : ""}
            </p>
          )}
        </>
      )}
    </div>
  );
}

export function JudgePanel({ detail }: { detail: ItemDetail }) {
  return (
    <section aria-label="Judge" className="space-y-2" data-testid="judge-panel">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-neutral-400">Judge</h2>
      {detail.judgements.length === 0 ? (
        <p className="rounded-md border border-dashed border-neutral-700 p-3 text-xs text-neutral-400">
          Not judged yet. The verdict comes from the manifest ({detail.candidate.prior}). Run a judge from the dataset&apos;s Judge tab.
        </p>
      ) : (
        detail.judgements.map((judgement, index) => (
          <JudgementCard key={judgement.id} judgement={judgement} detail={detail} isLatest={index === 0} />
        ))
      )}
    </section>
  );
}
