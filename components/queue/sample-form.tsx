"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createSample } from "@/lib/actions/queue/create-sample";

const METHODS = [
  ["stratified", "Stratified by edit type"],
  ["uniform", "Uniform random"],
  ["threshold", "Nearest the threshold"],
] as const;

export function SampleForm({ datasetId }: { datasetId: number }) {
  const router = useRouter();
  const [method, setMethod] = useState<(typeof METHODS)[number][0]>("stratified");
  const [size, setSize] = useState(50);
  const [seed, setSeed] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-lg border border-neutral-800 bg-neutral-900/60 p-3"
      data-testid="sample-form"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await createSample({ datasetId, method, size, seed });
          if (result.ok) router.push(`/datasets/${datasetId}/queue/sample/${result.data.id}`);
          else setError(result.error);
        });
      }}
    >
      <label className="text-xs text-neutral-400">
        Method
        <select
          value={method}
          onChange={(event) => setMethod(event.target.value as typeof method)}
          className="mt-1 block rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm text-neutral-100"
        >
          {METHODS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-neutral-400">
        Size
        <input
          type="number"
          min={1}
          max={5000}
          value={size}
          onChange={(event) => setSize(Number(event.target.value))}
          className="mt-1 block w-24 rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm text-neutral-100"
        />
      </label>
      <label className="text-xs text-neutral-400">
        Seed
        <input
          type="number"
          min={0}
          value={seed}
          onChange={(event) => setSeed(Number(event.target.value))}
          className="mt-1 block w-20 rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-sm text-neutral-100"
        />
      </label>
      <button
        disabled={isPending}
        className="rounded-md bg-amber-500 px-3 py-1.5 text-sm font-medium text-neutral-950 hover:bg-amber-400 disabled:opacity-60"
      >
        {isPending ? "Drawing…" : "Draw sample and start"}
      </button>
      {error && <p className="w-full text-sm text-rose-300">{error}</p>}
    </form>
  );
}
