"use client";
// The import form: target dataset, base, files, strict. Files upload one after another as raw
// bodies (with a progress bar each); every accepted file becomes a background job whose card
// polls its progress. Validation uses the route's own zod schema before a byte is sent.
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, type FormEvent } from "react";
import { describeIssues, importTargetSchema } from "@/lib/actions/imports/import-target-schema";
import type { DatasetChoice } from "@/lib/import/types";
import type { ImportJobStatus } from "@/lib/import/upload-jobs";
import { FilePicker } from "./file-picker";
import { ImportJobCard } from "./import-job-card";
import { formatBytes } from "./import-labels";
import { ProgressBar } from "./progress-bar";
import { uploadFile } from "./upload-file";

type Target = { mode: "existing"; datasetId: string } | { mode: "new"; name: string };
type Upload =
  | { key: string; file: File; phase: "waiting" | "uploading"; sentBytes: number }
  | { key: string; file: File; phase: "failed"; error: string }
  | { key: string; file: File; phase: "sent"; status: ImportJobStatus };

const inputClass =
  "w-full rounded-md border border-neutral-700 bg-neutral-950 px-3 py-2 text-sm text-neutral-100 placeholder:text-neutral-500 focus:border-amber-500";

export function ImportForm({ datasets, cdnBase }: { datasets: DatasetChoice[]; cdnBase: string }) {
  const router = useRouter();
  const [target, setTarget] = useState<Target>(
    datasets.length ? { mode: "existing", datasetId: String(datasets[0].id) } : { mode: "new", name: "" },
  );
  const [isStrict, setIsStrict] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [isUploading, setIsUploading] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const refresh = useCallback(() => router.refresh(), [router]);
  const chosen = target.mode === "existing" ? datasets.find((dataset) => String(dataset.id) === target.datasetId) : undefined;

  const queryFor = (file: File) => ({
    ...(target.mode === "existing" ? { dataset: target.datasetId } : { newDataset: target.name }),
    strict: isStrict ? "1" : "0",
    name: file.name,
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (files.length === 0) found.files = "Choose at least one JSONL file.";
    const empty = files.filter((file) => file.size === 0).map((file) => file.name);
    if (empty.length)
      found.files = `${empty.join(", ")} ${empty.length === 1 ? "is" : "are"} empty: remove ${empty.length === 1 ? "it" : "them"} or choose the right file.`;
    const parsed = importTargetSchema.safeParse(queryFor(files[0] ?? new File([], "placeholder.jsonl")));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "form");
        found[field === "newDataset" ? "dataset" : field] = issue.message;
      }
      if (!Object.keys(found).length) found.form = describeIssues(parsed.error);
    }
    setErrors(found);
    if (Object.keys(found).length) return;

    const batch: Upload[] = files.map((file, index) => ({ key: `${Date.now()}-${index}`, file, phase: "waiting", sentBytes: 0 }));
    setUploads((previous) => [...batch, ...previous]);
    setFiles([]);
    setIsUploading(true);
    const controller = new AbortController();
    abortRef.current = controller;
    const update = (key: string, next: Upload) => setUploads((previous) => previous.map((upload) => (upload.key === key ? next : upload)));
    for (const upload of batch) {
      if (controller.signal.aborted) {
        update(upload.key, {
          key: upload.key,
          file: upload.file,
          phase: "failed",
          error: `${upload.file.name}: not sent (upload cancelled).`,
        });
        continue;
      }
      update(upload.key, { ...upload, phase: "uploading", sentBytes: 0 });
      const outcome = await uploadFile(
        upload.file,
        new URLSearchParams(queryFor(upload.file)),
        (sentBytes) => update(upload.key, { key: upload.key, file: upload.file, phase: "uploading", sentBytes }),
        controller.signal,
      );
      update(
        upload.key,
        outcome.ok
          ? { key: upload.key, file: upload.file, phase: "sent", status: outcome.status }
          : { key: upload.key, file: upload.file, phase: "failed", error: outcome.error },
      );
    }
    abortRef.current = null;
    setIsUploading(false);
    refresh(); // a new dataset now exists; recent runs gained rows
  };

  return (
    <div className="space-y-6">
      <form
        onSubmit={onSubmit}
        noValidate
        className="space-y-5 rounded-xl border border-neutral-800 bg-neutral-900/60 p-5"
        data-testid="import-form"
      >
        <fieldset className="space-y-2" disabled={isUploading}>
          <legend className="mb-1 text-sm font-medium text-neutral-200">Dataset</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="target"
                checked={target.mode === "existing"}
                disabled={datasets.length === 0}
                onChange={() => datasets.length && setTarget({ mode: "existing", datasetId: String(datasets[0].id) })}
                className="accent-amber-500"
              />
              Add to an existing dataset
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="target"
                checked={target.mode === "new"}
                onChange={() => setTarget({ mode: "new", name: "" })}
                className="accent-amber-500"
              />
              New dataset
            </label>
          </div>
          {target.mode === "existing" ? (
            <select
              value={target.datasetId}
              onChange={(event) => setTarget({ mode: "existing", datasetId: event.target.value })}
              className={inputClass}
              aria-label="Dataset"
              data-testid="import-dataset-select"
            >
              {datasets.map((dataset) => (
                <option key={dataset.id} value={dataset.id}>
                  {dataset.name}
                  {dataset.isDemo ? " (demo)" : ""}
                </option>
              ))}
            </select>
          ) : (
            <input
              value={target.name}
              onChange={(event) => setTarget({ mode: "new", name: event.target.value })}
              placeholder="e.g. pico-banana-sft"
              className={inputClass}
              aria-label="New dataset name"
              data-testid="import-dataset-name"
            />
          )}
          {errors.dataset && <p className="text-xs text-red-400">{errors.dataset}</p>}
        </fieldset>

        <div className="space-y-1 text-sm">
          <span className="font-medium text-neutral-200">Images</span>
          <p className="text-xs text-neutral-400" data-testid="import-base-note">
            {chosen ? (
              chosen.base ? (
                <>
                  Relative image paths resolve against <code className="text-neutral-200">{chosen.base}</code>.{" "}
                </>
              ) : (
                <>This dataset has no image base yet. </>
              )
            ) : (
              <>A new dataset has no image base until an admin sets one. </>
            )}
            {chosen ? (
              <a className="text-amber-400 underline" href={`/datasets/${chosen.id}/settings`}>
                Dataset settings
              </a>
            ) : (
              "Its settings page"
            )}{" "}
            set the base: a folder under the server&apos;s image roots or a URL under an allowed prefix such as {cdnBase}.
          </p>
        </div>

        <fieldset className="space-y-1" disabled={isUploading}>
          <span className="text-sm font-medium text-neutral-200">Files</span>
          <FilePicker files={files} onChange={setFiles} isDisabled={isUploading} error={errors.files ?? errors.name} />
          <p className="text-xs text-neutral-500">
            They import one at a time in this order: put manifests before the judge-score and decision files that refer to their images.
          </p>
        </fieldset>

        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={isStrict}
            onChange={(event) => setIsStrict(event.target.checked)}
            disabled={isUploading}
            className="mt-0.5 accent-amber-500"
            data-testid="import-strict"
          />
          <span>
            <span className="text-neutral-200">Strict</span>
            <span className="block text-xs text-neutral-500">
              Check every line first and import nothing from a file if any line is bad. Off: good lines import, bad ones are listed.
            </span>
          </span>
        </label>

        {errors.form && <p className="text-sm text-red-400">{errors.form}</p>}
        <div className="flex items-center gap-3">
          <button
            type="submit"
            disabled={isUploading}
            className="rounded-md bg-amber-500 px-4 py-2 text-sm font-medium text-neutral-950 hover:bg-amber-400 disabled:opacity-50"
            data-testid="import-submit"
          >
            {isUploading ? "Uploading…" : "Upload and import"}
          </button>
          {isUploading && (
            <button
              type="button"
              onClick={() => abortRef.current?.abort()}
              className="rounded-md border border-neutral-700 px-3 py-2 text-sm text-neutral-300 hover:bg-neutral-800"
            >
              Cancel upload
            </button>
          )}
        </div>
      </form>

      {uploads.length > 0 && (
        <ol className="space-y-3" data-testid="import-jobs">
          {uploads.map((upload) =>
            upload.phase === "sent" ? (
              <ImportJobCard key={upload.key} initialStatus={upload.status} onSettled={refresh} />
            ) : (
              <li key={upload.key} className="rounded-lg border border-neutral-800 bg-neutral-900/60 p-4" data-testid="import-upload">
                <div className="flex items-baseline gap-3">
                  <span className="font-mono text-sm">{upload.file.name}</span>
                  <span className="ml-auto text-xs text-neutral-400">
                    {upload.phase === "failed" ? "not imported" : upload.phase === "waiting" ? "waiting to upload" : "uploading"}
                  </span>
                </div>
                {upload.phase === "failed" ? (
                  <p className="mt-2 text-sm text-red-300" data-testid="import-upload-error">
                    {upload.error}
                  </p>
                ) : (
                  <div className="mt-3 space-y-1">
                    <ProgressBar
                      fraction={upload.file.size ? upload.sentBytes / upload.file.size : null}
                      label={`Upload of ${upload.file.name}`}
                    />
                    <p className="text-xs tabular-nums text-neutral-400">
                      {formatBytes(upload.sentBytes)} of {formatBytes(upload.file.size)} sent
                    </p>
                  </div>
                )}
              </li>
            ),
          )}
        </ol>
      )}
    </div>
  );
}
