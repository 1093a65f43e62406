"use client";
// Which queue to label: its kind, an edit type, and the share of labelled pairs that come back
// with sides swapped. Lives in the URL (the page re-renders with a fresh batch on change).
import { MAX_REPEAT_SHARE } from "@/lib/pairs/sides";
import { QUEUE_KINDS, type QueueKind, type QueueParams } from "@/lib/pairs/queue";

export type QueuePickerProps = { params: QueueParams; editTypes: string[]; onChange: (params: QueueParams) => void };

const select = "rounded border border-neutral-700 bg-neutral-900 px-2 py-1 text-xs text-neutral-200";

export function QueuePicker({ params, editTypes, onChange }: QueuePickerProps) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-neutral-400" data-testid="queue-picker">
      <label className="flex items-center gap-1">
        Queue
        <select
          className={select}
          value={params.queue}
          onChange={(event) => onChange({ ...params, queue: event.target.value as QueueKind, pair: undefined })}
          aria-label="Queue"
        >
          {QUEUE_KINDS.map((kind) => (
            <option key={kind.id} value={kind.id} title={kind.description}>
              {kind.label}
            </option>
          ))}
        </select>
      </label>
      <select
        className={`${select} max-w-[14rem]`}
        value={params.editType ?? ""}
        onChange={(event) => onChange({ ...params, editType: event.target.value || undefined, pair: undefined })}
        aria-label="Edit type"
      >
        <option value="">All edit types</option>
        {editTypes.map((editType) => (
          <option key={editType} value={editType}>
            {editType}
          </option>
        ))}
      </select>
      <label
        className="flex items-center gap-1"
        title="Share of labelled pairs that come back later with sides swapped (position bias, self-consistency)"
      >
        repeats
        <select
          className={select}
          value={String(params.repeat)}
          onChange={(event) => onChange({ ...params, repeat: Number(event.target.value), pair: undefined })}
          aria-label="Repeat share"
        >
          {[0, 0.05, 0.1, 0.2, 0.3, MAX_REPEAT_SHARE].map((share) => (
            <option key={share} value={String(share)}>
              {Math.round(share * 100)}%
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
