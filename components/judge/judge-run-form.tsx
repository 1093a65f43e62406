"use client";
// Starts a judge run: provider and model, which candidates (edit types, only unjudged, a limit,
// or exactly what the browse page was showing), how Gemini is called (one call per item, or the
// Batch API at half the price, always or above a size) and how many calls at a time.
import { useMemo, useState, useTransition, type FormEvent } from "react";
import type { SendMode } from "@/lib/actions/judge/judge-schemas";
import { startJudgeJob } from "@/lib/actions/judge/start-judge-job";
import type { JudgeTypeOption } from "@/lib/judge/types";
import type { GeminiStatus } from "@/lib/judge/background";
import { EditTypePicker } from "./edit-type-picker";

export type BrowseSelection = { search: string; count: number; description: string } | null;

type Props = {
  datasetId: number;
  types: JudgeTypeOption[];
  gemini: GeminiStatus;
  browse: BrowseSelection;
  onStarted: (message: string) => void;
};

/** Calls at a time per judge: the remote API takes more in parallel than the CPU-bound metrics. */
const DEFAULT_CONCURRENCY = { gemini: "4", metrics: "2" } as const;

const field = "rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm";

export function JudgeRunForm({ datasetId, types, gemini, browse, onStarted }: Props) {
  const [provider, setProvider] = useState<"gemini" | "metrics">(gemini.isConfigured ? "gemini" : "metrics");
  const [model, setModel] = useState(gemini.defaultModel);
  const [useBrowse, setUseBrowse] = useState(browse !== null);
  const [editTypes, setEditTypes] = useState<string[]>([]);
  const [onlyUnjudged, setOnlyUnjudged] = useState(false);
  const [limit, setLimit] = useState("");
  const [concurrency, setConcurrency] = useState<string>(DEFAULT_CONCURRENCY[provider]);
  const [send, setSend] = useState<SendMode>(gemini.batchAbove !== null && !gemini.batchProblem ? "batch-above" : "interactive");
  const [batchAbove, setBatchAbove] = useState(String(gemini.batchAbove ?? 1000));
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  // An upper bound: the server also skips items this judge already scored or another job holds.
  const estimate = useMemo(() => {
    if (useBrowse && browse) return browse.count;
    const picked = editTypes.length ? types.filter((type) => editTypes.includes(type.editType)) : types;
    const count = picked.reduce((sum, type) => sum + (onlyUnjudged ? type.unjudged : type.candidates), 0);
    return limit ? Math.min(count, Number(limit)) : count;
  }, [useBrowse, browse, editTypes, types, onlyUnjudged, limit]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await startJudgeJob({
        datasetId,
        provider,
        model: provider === "gemini" ? model.trim() || undefined : undefined,
        concurrency: Number(concurrency),
        editTypes: useBrowse ? [] : editTypes,
        onlyUnjudged: useBrowse ? false : onlyUnjudged,
        limit: !useBrowse && limit ? Number(limit) : undefined,
        browseSearch: useBrowse && browse ? browse.search : undefined,
        send: provider === "gemini" ? send : "interactive",
        batchAbove: provider === "gemini" && send === "batch-above" ? Number(batchAbove) : undefined,
      });
      if (!result.ok) return setError(result.error);
      const { jobId, total, matched, skippedJudged, skippedQueued, judgeId, mode } = result.data;
      const skipped = [
        skippedJudged ? `${skippedJudged} already judged by ${judgeId}` : null,
        skippedQueued ? `${skippedQueued} waiting in another unfinished job` : null,
      ].filter(Boolean);
      onStarted(
        total === 0
          ? `Nothing to judge: all ${matched} matching candidates were skipped (${skipped.join(", ")}).`
          : `Job #${jobId} started${mode === "batch" ? " through the Gemini Batch API" : ""}: ${total} of ${matched} matching candidates${skipped.length ? `; skipped ${skipped.join(", ")}` : ""}.`,
      );
    });
  };

  const isGeminiBlocked = provider === "gemini" && !gemini.isConfigured;
  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4 rounded-md border border-neutral-800 bg-neutral-900/50 p-4"
      aria-label="Start a judge run"
    >
      <h2 className="text-sm font-semibold">Start a run</h2>
      <fieldset className="min-w-0 space-y-1.5">
        <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-neutral-400">Judge</legend>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="provider"
            checked={provider === "gemini"}
            onChange={() => {
              setProvider("gemini");
              setConcurrency(DEFAULT_CONCURRENCY.gemini);
            }}
            className="mt-1"
          />
          <span>
            Gemini <span className="text-neutral-500">(paid API; scores all four criteria)</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="provider"
            checked={provider === "metrics"}
            onChange={() => {
              setProvider("metrics");
              setConcurrency(DEFAULT_CONCURRENCY.metrics);
            }}
            className="mt-1"
          />
          <span>
            Metrics <span className="text-neutral-500">(offline pixels; preservation and technical quality only, free)</span>
          </span>
        </label>
        {provider === "gemini" && (
          <div className="space-y-1.5 pl-6">
            <label className="flex items-center gap-2 text-sm">
              Model{" "}
              <input
                value={model}
                onChange={(event) => setModel(event.target.value)}
                className={`${field} w-56 font-mono`}
                aria-label="Gemini model"
              />
            </label>
            {gemini.isConfigured ? (
              <p className="text-xs text-neutral-500">
                Key set on the server{gemini.endpoint ? ` · endpoint ${gemini.endpoint}` : ""}. It never reaches this page.
              </p>
            ) : (
              <p className="rounded bg-amber-500/10 px-2 py-1 text-xs text-amber-200" role="alert">
                {gemini.problem}
              </p>
            )}
          </div>
        )}
      </fieldset>

      <fieldset className="min-w-0 space-y-2">
        <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-neutral-400">Candidates</legend>
        {browse && (
          <div className="space-y-1">
            <label className="flex items-start gap-2 text-sm">
              <input type="radio" name="selection" checked={useBrowse} onChange={() => setUseBrowse(true)} className="mt-1" />
              <span>
                The browse filter: {browse.description} <span className="text-neutral-500">({browse.count.toLocaleString()} items)</span>
              </span>
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="selection" checked={!useBrowse} onChange={() => setUseBrowse(false)} />
              <span>Choose below</span>
            </label>
          </div>
        )}
        {!useBrowse && (
          <div className="space-y-2">
            <EditTypePicker types={types} selected={editTypes} onChange={setEditTypes} />
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={onlyUnjudged} onChange={(event) => setOnlyUnjudged(event.target.checked)} /> Only candidates
              no judge has scored yet
            </label>
            <label className="flex items-center gap-2 text-sm">
              Limit{" "}
              <input
                type="number"
                min={1}
                value={limit}
                onChange={(event) => setLimit(event.target.value)}
                placeholder="all"
                className={`${field} w-24`}
                aria-label="Limit"
              />
            </label>
          </div>
        )}
      </fieldset>

      {provider === "gemini" && (
        <fieldset className="min-w-0 space-y-1.5" data-testid="send-mode">
          <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-neutral-400">Send</legend>
          <label className="flex items-start gap-2 text-sm">
            <input type="radio" name="send" checked={send === "interactive"} onChange={() => setSend("interactive")} className="mt-1" />
            <span>
              One call per item <span className="text-neutral-500">(results as they come, list price)</span>
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="send"
              checked={send === "batch"}
              onChange={() => setSend("batch")}
              disabled={gemini.batchProblem !== null}
              className="mt-1"
            />
            <span>
              Gemini Batch API <span className="text-neutral-500">(half the price; results within 24 h, usually sooner)</span>
            </span>
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="send"
              checked={send === "batch-above"}
              onChange={() => setSend("batch-above")}
              disabled={gemini.batchProblem !== null}
            />
            <span>Batch API when more than</span>
            <input
              type="number"
              min={1}
              value={batchAbove}
              onChange={(event) => {
                setBatchAbove(event.target.value);
                setSend("batch-above");
              }}
              disabled={gemini.batchProblem !== null}
              className={`${field} w-24`}
              aria-label="Batch when more than"
            />
            <span>items</span>
          </label>
          {gemini.batchProblem && gemini.isConfigured && <p className="text-xs text-neutral-500">{gemini.batchProblem}</p>}
        </fieldset>
      )}

      <label className="flex items-center gap-2 text-sm">
        Calls at a time{" "}
        <input
          type="number"
          min={1}
          max={16}
          value={concurrency}
          onChange={(event) => setConcurrency(event.target.value)}
          className={`${field} w-16`}
          aria-label="Concurrency"
        />
        {provider === "gemini" && send !== "interactive" && (
          <span className="text-xs text-neutral-500">(for failures retried outside a batch)</span>
        )}
      </label>

      {error && (
        <p className="rounded bg-rose-500/15 px-2 py-1 text-sm text-rose-200" role="alert">
          {error}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={isPending || isGeminiBlocked || estimate === 0}
          className="whitespace-nowrap rounded bg-amber-500 px-3 py-1.5 text-sm font-medium text-neutral-950 disabled:opacity-40"
        >
          {isPending ? "Starting…" : "Start judging"}
        </button>
        <span className="text-xs text-neutral-400">
          up to {estimate.toLocaleString()} candidates; items this judge already scored are skipped, never paid twice
        </span>
      </div>
    </form>
  );
}
