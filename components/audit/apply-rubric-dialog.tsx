"use client";
// "Apply" for a new threshold or weights: an explicit, confirmed change. The dialog first asks
// the server how many stored verdicts would flip, then applies and re-derives every verdict.
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { applyRubric } from "@/lib/actions/audit/apply-rubric";
import { CRITERIA, CRITERION_LABELS, type Weights } from "@/lib/taxonomy";
import { num } from "./audit-format";

type Rubric = { threshold: number; weights: Weights };
type Preview = { judged: number; judgeFlips: number; toPass: number; toFail: number; effectiveFlips: number };
type Props = { datasetId: number; current: Rubric; proposed: Rubric; label: string; testId?: string };

export function ApplyRubricDialog({ datasetId, current, proposed, label, testId }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const changedWeights = CRITERIA.filter((criterion) => Math.abs(current.weights[criterion] - proposed.weights[criterion]) > 1e-9);

  const open = () => {
    setPreview(null);
    setMessage(null);
    setError(null);
    dialog.current?.showModal();
    const w = proposed.weights;
    const query = new URLSearchParams({
      threshold: String(proposed.threshold),
      ic: String(w.instruction_compliance),
      se: String(w.seamlessness),
      pb: String(w.preservation_balance),
      tq: String(w.technical_quality),
    });
    fetch(`/api/datasets/${datasetId}/audit/preview?${query}`, { cache: "no-store" })
      .then(async (response) => {
        const body = await response.json();
        if (!response.ok) throw new Error(body.error ?? `The server answered ${response.status}.`);
        setPreview(body as Preview);
      })
      .catch((reason: Error) => setError(reason.message));
  };
  const confirm = () =>
    startTransition(async () => {
      const result = await applyRubric({ datasetId, threshold: proposed.threshold, weights: proposed.weights });
      if (!result.ok) return setError(result.error);
      const { preview: flipped, previous } = result.data;
      const weights = CRITERIA.map((criterion) => num(previous.weights[criterion])).join(" / ");
      setMessage(
        `Applied: ${flipped.judgeFlips} stored verdicts flipped. ` +
          `Previous values: threshold ${num(previous.threshold)}, weights ${weights} (apply them again to go back).`,
      );
      router.refresh();
    });

  return (
    <>
      <button
        type="button"
        onClick={open}
        className="rounded bg-amber-500 px-2.5 py-1 text-xs font-medium text-neutral-950 hover:bg-amber-400"
        data-testid={testId}
      >
        {label}
      </button>
      <dialog
        ref={dialog}
        className="m-auto w-[32rem] max-w-[95vw] rounded-lg border border-neutral-700 bg-neutral-900 p-4 text-sm text-neutral-100 backdrop:bg-black/60"
        aria-label="Apply new rubric"
      >
        <h3 className="mb-2 font-semibold">Change the dataset&apos;s rubric?</h3>
        <ul className="mb-3 space-y-0.5 text-xs text-neutral-300">
          <li>
            Threshold {num(current.threshold)} → <strong>{num(proposed.threshold)}</strong>
          </li>
          {changedWeights.map((criterion) => (
            <li key={criterion}>
              {CRITERION_LABELS[criterion]} weight {num(current.weights[criterion])} → <strong>{num(proposed.weights[criterion])}</strong>
            </li>
          ))}
        </ul>
        {!preview && !error && <p className="text-xs text-neutral-400">Counting the verdicts that would change…</p>}
        {preview && !message && (
          <p className="rounded bg-neutral-800 px-2 py-1.5 text-xs" data-testid="apply-preview">
            <strong>{preview.judgeFlips}</strong> of {preview.judged} stored judge verdicts flip ({preview.toPass} fail → pass,{" "}
            {preview.toFail} pass → fail); <strong>{preview.effectiveFlips}</strong> of them have no human decision, so their exported
            verdict changes too. Human decisions are not touched.
          </p>
        )}
        {message && (
          <p className="rounded bg-emerald-500/10 px-2 py-1.5 text-xs text-emerald-200" role="status">
            {message}
          </p>
        )}
        {error && (
          <p className="rounded bg-rose-500/15 px-2 py-1.5 text-xs text-rose-200" role="alert">
            {error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => dialog.current?.close()} className="rounded border border-neutral-600 px-3 py-1 text-xs">
            {message ? "Close" : "Cancel"}
          </button>
          {!message && (
            <button
              type="button"
              onClick={confirm}
              disabled={!preview || isPending}
              className="rounded bg-amber-500 px-3 py-1 text-xs font-medium text-neutral-950 disabled:opacity-40"
              data-testid="apply-confirm"
            >
              {isPending ? "Applying…" : "Apply and re-derive verdicts"}
            </button>
          )}
        </div>
      </dialog>
    </>
  );
}
