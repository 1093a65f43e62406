"use client";
// "Mine pairs": which rules, their parameters, and the result. Idempotent, so running it again
// after new judgements or reviews only adds the pairs that are new.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { minePairs } from "@/lib/actions/pairs/mine-pairs";
import { ORIGIN_TEXT } from "@/lib/pairs/list-params";
import { DEFAULT_MINING_OPTIONS, MINING_RULES, type MiningResult, type MiningRule } from "@/lib/pairs/mining";

const input = "w-20 rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm";

export function MinePairsForm({ datasetId, threshold, editTypes }: { datasetId: number; threshold: number; editTypes: string[] }) {
  const router = useRouter();
  const [rules, setRules] = useState<MiningRule[]>([...DEFAULT_MINING_OPTIONS.rules]);
  const [margin, setMargin] = useState(String(DEFAULT_MINING_OPTIONS.margin));
  const [band, setBand] = useState(String(DEFAULT_MINING_OPTIONS.band));
  const [maxPerRequest, setMaxPerRequest] = useState(String(DEFAULT_MINING_OPTIONS.maxPerRequest));
  const [editType, setEditType] = useState("");
  const [result, setResult] = useState<MiningResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const toggle = (rule: MiningRule) =>
    setRules((current) => (current.includes(rule) ? current.filter((entry) => entry !== rule) : [...current, rule]));

  const onSubmit = () =>
    startTransition(async () => {
      const response = await minePairs({
        datasetId,
        rules,
        margin: Number(margin),
        band: Number(band),
        maxPerRequest: Number(maxPerRequest),
        editType: editType || undefined,
      });
      if (response.ok) {
        setResult(response.data);
        setError(null);
        router.refresh();
      } else setError(response.error);
    });

  return (
    <form
      className="space-y-3 rounded-md border border-neutral-800 bg-neutral-900/60 p-4 text-sm"
      onSubmit={(event) => (event.preventDefault(), onSubmit())}
      data-testid="mine-pairs"
    >
      <h2 className="font-semibold">Mine pairs</h2>
      <fieldset className="space-y-2">
        {MINING_RULES.map((rule) => (
          <label key={rule.id} className="flex gap-2">
            <input type="checkbox" className="mt-1" checked={rules.includes(rule.id)} onChange={() => toggle(rule.id)} name={rule.id} />
            <span>
              <span className="text-neutral-100">{rule.label}</span>
              <span className="block text-xs text-neutral-500">{rule.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid grid-cols-2 gap-2 text-xs text-neutral-400">
        <label className="space-y-1">
          <span className="block">Score margin (|Δ overall| ≤)</span>
          <input
            className={input}
            type="number"
            step="0.01"
            min="0"
            max="1"
            value={margin}
            onChange={(event) => setMargin(event.target.value)}
            name="margin"
          />
        </label>
        <label className="space-y-1">
          <span className="block">Band around threshold {threshold} (±)</span>
          <input
            className={input}
            type="number"
            step="0.01"
            min="0"
            max="0.5"
            value={band}
            onChange={(event) => setBand(event.target.value)}
            name="band"
          />
        </label>
        <label className="space-y-1">
          <span className="block">Candidates per request (any-two rule)</span>
          <input
            className={input}
            type="number"
            step="1"
            min="2"
            max="20"
            value={maxPerRequest}
            onChange={(event) => setMaxPerRequest(event.target.value)}
            name="maxPerRequest"
          />
        </label>
        <label className="space-y-1">
          <span className="block">Edit type</span>
          <select
            className="w-full rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm"
            value={editType}
            onChange={(event) => setEditType(event.target.value)}
            name="editType"
          >
            <option value="">All</option>
            {editTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button
        type="submit"
        disabled={isPending || rules.length === 0}
        className="rounded bg-amber-500 px-3 py-1.5 font-medium text-neutral-950 disabled:opacity-50"
      >
        {isPending ? "Mining…" : "Mine pairs"}
      </button>
      {error && (
        <p className="text-xs text-red-300" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p className="text-xs text-neutral-300" data-testid="mine-result" data-created={result.createdTotal}>
          {result.createdTotal} new pair{result.createdTotal === 1 ? "" : "s"}
          {result.createdTotal > 0 &&
            ` (${Object.entries(result.created)
              .map(([origin, count]) => `${ORIGIN_TEXT[origin as keyof typeof ORIGIN_TEXT]} ${count}`)
              .join(", ")})`}
          ; {result.alreadyExisted} already existed; {result.requestsScanned} requests
          {result.sessionsScanned ? ` and ${result.sessionsScanned} sessions` : ""} scanned in {(result.tookMs / 1000).toFixed(1)} s.
        </p>
      )}
    </form>
  );
}
