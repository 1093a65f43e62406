"use client";
// Which labels and which judge the audit describes; every change is a new URL, so a slice can be
// shared and the JSON route answers the same question.
import { useQueryStates } from "nuqs";
import { useTransition } from "react";
import { auditSliceParsers, type AuditSlice } from "@/lib/audit/slice";
import { toUrlUpdate } from "@/lib/url/parsers";

export type SliceOptions = {
  groups: string[];
  types: { editType: string; group: string }[];
  judgeIds: string[];
  reviewers: string[];
  samples: { id: number; method: string; size: number }[];
};

type Props = { slice: AuditSlice; options: SliceOptions; jsonHref: string };

/** A value from the URL stays selectable even when no row has it (a select would show the wrong one). */
const withCurrent = (values: string[], current: string | undefined) =>
  current && !values.includes(current) ? [...values, current] : values;

/** Gold-accuracy cuts offered (any other value works from the URL or the CLI). */
const GOLD_CUTS = ["0.6", "0.7", "0.8", "0.9"];

const select = "max-w-56 rounded border border-neutral-700 bg-neutral-900 px-1.5 py-1 text-xs";

export function AuditSliceBar({ slice, options, jsonHref }: Props) {
  const [isPending, startTransition] = useTransition();
  const [, setUrl] = useQueryStates(auditSliceParsers, { history: "push", shallow: false, startTransition });
  const go = (change: Partial<AuditSlice>) => void setUrl(toUrlUpdate(change));
  const value = (text: string) => (text === "" ? undefined : text);
  const types = slice.group ? options.types.filter((type) => type.group === slice.group) : options.types;

  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" aria-label="Audit slice" data-pending={isPending || undefined}>
      <select
        aria-label="Group"
        className={select}
        value={slice.group ?? ""}
        onChange={(event) => go({ group: value(event.target.value), type: undefined })}
      >
        <option value="">All groups</option>
        {options.groups.map((group) => (
          <option key={group} value={group}>
            {group}
          </option>
        ))}
      </select>
      <select
        aria-label="Edit type"
        className={select}
        value={slice.type ?? ""}
        onChange={(event) => go({ type: value(event.target.value) })}
      >
        <option value="">All edit types</option>
        {types.map((type) => (
          <option key={type.editType} value={type.editType}>
            {type.editType}
          </option>
        ))}
      </select>
      <select
        aria-label="Judge"
        className={select.replace("max-w-56", "min-w-[15rem] max-w-80")}
        value={slice.judge_id ?? ""}
        onChange={(event) => go({ judge_id: value(event.target.value) })}
      >
        <option value="">Latest judgement (as stored)</option>
        {withCurrent(options.judgeIds, slice.judge_id).map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
      <select
        aria-label="Reviewer"
        className={select}
        value={slice.reviewer ?? ""}
        onChange={(event) => go({ reviewer: value(event.target.value) })}
      >
        <option value="">All reviewers (majority)</option>
        {withCurrent(options.reviewers, slice.reviewer).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1 text-neutral-400">
        from{" "}
        <input
          type="date"
          aria-label="From"
          className={select}
          value={slice.from ?? ""}
          onChange={(event) => go({ from: value(event.target.value) })}
        />
      </label>
      <label className="flex items-center gap-1 text-neutral-400">
        to{" "}
        <input
          type="date"
          aria-label="To"
          className={select}
          value={slice.to ?? ""}
          onChange={(event) => go({ to: value(event.target.value) })}
        />
      </label>
      <select
        aria-label="Minimum gold accuracy"
        className={select}
        value={slice.min_gold ?? ""}
        onChange={(event) => go({ min_gold: event.target.value ? Number(event.target.value) : undefined })}
        data-testid="audit-min-gold"
      >
        <option value="">Every reviewer (no gold cut)</option>
        {withCurrent(GOLD_CUTS, slice.min_gold === undefined ? undefined : String(slice.min_gold)).map((cut) => (
          <option key={cut} value={cut}>
            Gold accuracy ≥ {cut}
          </option>
        ))}
      </select>
      {options.samples.length > 0 && (
        <select
          aria-label="Audit sample"
          className={select}
          value={slice.sample ?? ""}
          onChange={(event) => go({ sample: event.target.value ? Number(event.target.value) : undefined })}
        >
          <option value="">Sample: latest with labels</option>
          {options.samples.map((sample) => (
            <option key={sample.id} value={sample.id}>
              Sample #{sample.id} ({sample.method}, {sample.size})
            </option>
          ))}
        </select>
      )}
      {Object.keys(slice).length > 0 && (
        <button type="button" onClick={() => void setUrl(null)} className="text-neutral-400 underline">
          reset
        </button>
      )}
      {isPending && <span className="text-neutral-500">loading…</span>}
      <a
        href={jsonHref}
        className="ml-auto rounded border border-neutral-700 px-2 py-1 font-mono text-neutral-300 hover:bg-neutral-800"
        data-testid="audit-json-link"
      >
        JSON
      </a>
    </div>
  );
}
