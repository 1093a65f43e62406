"use client";
// Choose or drop JSONL files and put them in import order (manifests before the score and
// decision files that refer to their images).
import { useState } from "react";
import { JSONL_EXTENSIONS } from "@/lib/actions/imports/import-target-schema";
import { formatBytes } from "./import-labels";

type Props = { files: File[]; onChange: (files: File[]) => void; isDisabled: boolean; error?: string };

const hasJsonlName = (file: File) => JSONL_EXTENSIONS.some((extension) => file.name.toLowerCase().endsWith(extension));

export function FilePicker({ files, onChange, isDisabled, error }: Props) {
  const [isDragging, setIsDragging] = useState(false);
  const add = (list: FileList | null) => {
    if (!list) return;
    const known = new Set(files.map((file) => `${file.name}:${file.size}:${file.lastModified}`));
    onChange([...files, ...Array.from(list).filter((file) => !known.has(`${file.name}:${file.size}:${file.lastModified}`))]);
  };
  const move = (index: number, delta: number) => {
    const next = [...files];
    const [file] = next.splice(index, 1);
    next.splice(index + delta, 0, file);
    onChange(next);
  };

  return (
    <div>
      <label
        htmlFor="import-files"
        onDragOver={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setIsDragging(false);
          if (!isDisabled) add(event.dataTransfer.files);
        }}
        className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border border-dashed px-4 py-6 text-center text-sm transition-colors ${
          isDragging
            ? "border-amber-400 bg-amber-500/10"
            : error
              ? "border-red-700 bg-neutral-950"
              : "border-neutral-700 bg-neutral-950 hover:border-neutral-500"
        }`}
      >
        <span className="text-neutral-200">
          Drop JSONL files here, or <span className="text-amber-300 underline">choose files</span>
        </span>
        <span className="mt-1 text-xs text-neutral-500">.jsonl · one JSON object per line · several files at once</span>
        <input
          id="import-files"
          type="file"
          multiple
          accept=".jsonl,.ndjson,.json,.txt,application/x-ndjson,application/json,text/plain"
          disabled={isDisabled}
          className="sr-only"
          data-testid="import-file-input"
          onChange={(event) => {
            add(event.target.files);
            event.target.value = ""; // choosing the same file again after removing it still fires
          }}
        />
      </label>
      {error && (
        <p className="mt-1 text-xs text-red-400" data-testid="import-files-error">
          {error}
        </p>
      )}
      {files.length > 0 && (
        <ol className="mt-3 divide-y divide-neutral-800 rounded-md border border-neutral-800 text-sm" data-testid="import-file-list">
          {files.map((file, index) => (
            <li key={`${file.name}:${file.size}:${file.lastModified}`} className="flex items-center gap-3 px-3 py-1.5">
              <span className="w-5 text-right text-xs text-neutral-500">{index + 1}.</span>
              <span className="truncate font-mono text-neutral-200" title={file.name}>
                {file.name}
              </span>
              <span className="text-xs tabular-nums text-neutral-500">{formatBytes(file.size)}</span>
              {file.size === 0 && <span className="text-xs text-red-400">empty</span>}
              {file.size > 0 && !hasJsonlName(file) && (
                <span className="text-xs text-amber-300" title="The server checks the content; the name is only a hint">
                  not .jsonl?
                </span>
              )}
              <span className="ml-auto flex gap-1">
                <button
                  type="button"
                  disabled={isDisabled || index === 0}
                  onClick={() => move(index, -1)}
                  className="rounded px-1.5 text-neutral-400 hover:bg-neutral-800 disabled:opacity-30"
                  aria-label={`Move ${file.name} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={isDisabled || index === files.length - 1}
                  onClick={() => move(index, 1)}
                  className="rounded px-1.5 text-neutral-400 hover:bg-neutral-800 disabled:opacity-30"
                  aria-label={`Move ${file.name} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  disabled={isDisabled}
                  onClick={() => onChange(files.filter((_, other) => other !== index))}
                  className="rounded px-1.5 text-neutral-400 hover:bg-neutral-800 hover:text-red-300 disabled:opacity-30"
                  aria-label={`Remove ${file.name}`}
                >
                  ✕
                </button>
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
