"use client";
// Gold checks for admins: the share of each reviewer's assigned walk made of gold items, marking
// items with a known verdict, and the gold items with how reviewers answered them. Reviewers never
// see this: their walk does not say which items are gold.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markGoldAction } from "@/lib/actions/gold/mark-gold";
import { setGoldRateAction } from "@/lib/actions/gold/set-gold-rate";
import { unmarkGoldAction } from "@/lib/actions/gold/unmark-gold";
import { MAX_GOLD_RATE } from "@/lib/team/enums";

export type GoldView = { candidateId: number; verdict: "accept" | "reject"; markedBy: string; answers: number; correct: number };

const field = "rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm text-neutral-100";

export function GoldPanel({ datasetId, rate, gold }: { datasetId: number; rate: number; gold: GoldView[] }) {
  const router = useRouter();
  const [ratePercent, setRatePercent] = useState(String(Math.round(rate * 1000) / 10));
  const [ids, setIds] = useState("");
  const [verdict, setVerdict] = useState<"accept" | "reject">("accept");
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const run = (work: () => Promise<{ ok: true; text: string } | { ok: false; error: string }>) =>
    startTransition(async () => {
      const result = await work();
      setMessage(result.ok ? { isError: false, text: result.text } : { isError: true, text: result.error });
      if (result.ok) router.refresh();
    });
  return (
    <div className="space-y-3" data-testid="gold-panel">
      <form
        className="flex flex-wrap items-center gap-2 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          run(async () => {
            const result = await setGoldRateAction({ datasetId, rate: Number(ratePercent) / 100 });
            return result.ok ? { ok: true, text: `Gold rate set to ${ratePercent}%.` } : result;
          });
        }}
      >
        <label className="flex items-center gap-2 text-neutral-400">
          Gold share of each assigned walk
          <input
            type="number"
            min={0}
            max={MAX_GOLD_RATE * 100}
            step={0.5}
            value={ratePercent}
            onChange={(event) => setRatePercent(event.target.value)}
            className={`${field} w-20`}
            data-testid="gold-rate"
          />
          %
        </label>
        <button disabled={isPending} className="rounded bg-neutral-800 px-2 py-1 hover:bg-neutral-700">
          Save
        </button>
      </form>
      <form
        className="flex flex-wrap items-center gap-2 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          const candidateIds = ids
            .split(/[\s,]+/)
            .filter(Boolean)
            .map(Number);
          run(async () => {
            const result = await markGoldAction({ datasetId, candidateIds, verdict });
            if (result.ok) setIds("");
            return result.ok ? { ok: true, text: `Marked ${result.data.marked} gold.` } : result;
          });
        }}
      >
        <label className="flex items-center gap-2 text-neutral-400">
          Item ids
          <input
            value={ids}
            onChange={(event) => setIds(event.target.value)}
            placeholder="12, 57, 301"
            className={`${field} w-48`}
            data-testid="gold-ids"
          />
        </label>
        <label className="flex items-center gap-2 text-neutral-400">
          Known verdict
          <select
            value={verdict}
            onChange={(event) => setVerdict(event.target.value as "accept" | "reject")}
            className={field}
            data-testid="gold-verdict"
          >
            <option value="accept">accept</option>
            <option value="reject">reject</option>
          </select>
        </label>
        <button
          disabled={isPending}
          className="rounded bg-amber-500 px-2 py-1 font-medium text-neutral-950 hover:bg-amber-400"
          data-testid="gold-mark"
        >
          Mark gold
        </button>
      </form>
      {message && (
        <p className={`text-sm ${message.isError ? "text-rose-300" : "text-emerald-300"}`} role="status">
          {message.text}
        </p>
      )}
      {gold.length === 0 ? (
        <p className="text-sm text-neutral-500">No gold items yet.</p>
      ) : (
        <ul className="flex flex-wrap gap-2 text-xs" data-testid="gold-list">
          {gold.map((item) => (
            <li key={item.candidateId} className="flex items-center gap-2 rounded bg-neutral-800 px-2 py-1">
              <a href={`/datasets/${datasetId}/items/${item.candidateId}`} className="hover:underline">
                #{item.candidateId}
              </a>
              <span className={item.verdict === "accept" ? "text-emerald-300" : "text-rose-300"}>{item.verdict}</span>
              <span className="text-neutral-400">
                {item.correct}/{item.answers} right
              </span>
              <button
                type="button"
                aria-label={`Unmark #${item.candidateId}`}
                className="text-neutral-500 hover:text-neutral-200"
                onClick={() =>
                  run(async () => {
                    const result = await unmarkGoldAction({ datasetId, candidateId: item.candidateId });
                    return result.ok ? { ok: true, text: `#${item.candidateId} is no longer gold.` } : result;
                  })
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
