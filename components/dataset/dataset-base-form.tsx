"use client";
// The dataset's image base: where relative manifest paths (images/…) are read from. What the
// server accepts is listed beside the field: folders under its image roots, URLs under its prefixes.
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { setDatasetBaseAction } from "@/lib/actions/datasets/set-dataset-base";

type Props = { datasetId: number; base: string | null; mirrors: readonly string[]; roots: readonly string[]; prefixes: readonly string[] };

export function DatasetBaseForm({ datasetId, base, mirrors, roots, prefixes }: Props) {
  const router = useRouter();
  const [value, setValue] = useState(base ?? "");
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const [isSaving, startSaving] = useTransition();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    startSaving(async () => {
      const result = await setDatasetBaseAction({ datasetId, base: value });
      if (!result.ok) return setMessage({ isError: true, text: result.error });
      setMessage({
        isError: false,
        text: result.data.base ? `Saved: images resolve against ${result.data.base}.` : "Saved: the dataset has no base now.",
      });
      router.refresh();
    });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-lg border border-neutral-800 bg-neutral-900/60 p-4">
      <label htmlFor="dataset-base" className="block text-sm font-medium text-neutral-200">
        Image base
      </label>
      <div className="flex gap-2">
        <input
          id="dataset-base"
          data-testid="dataset-base"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          placeholder="a folder on the server, an https:// URL or s3://bucket/prefix/"
          className="min-w-0 flex-1 rounded-md border border-neutral-700 bg-neutral-950 px-3 py-2 text-sm text-neutral-100 placeholder:text-neutral-500 focus:border-amber-500"
        />
        <button
          type="submit"
          disabled={isSaving}
          className="rounded-md bg-amber-500 px-4 py-2 text-sm font-medium text-neutral-950 hover:bg-amber-400 disabled:opacity-60"
        >
          {isSaving ? "Saving…" : "Save"}
        </button>
      </div>
      {message && (
        <p
          role={message.isError ? "alert" : "status"}
          className={`text-sm ${message.isError ? "text-red-400" : "text-emerald-400"}`}
          data-testid="dataset-base-message"
        >
          {message.text}
        </p>
      )}
      <div className="grid gap-3 text-xs text-neutral-400 sm:grid-cols-2">
        <div>
          <p className="font-medium text-neutral-300">Folders under these image roots</p>
          <ul className="mt-1 space-y-0.5 font-mono">
            {roots.length ? roots.map((root) => <li key={root}>{root}</li>) : <li>none (RIPE_IMAGE_ROOTS)</li>}
          </ul>
        </div>
        <div>
          <p className="font-medium text-neutral-300">URLs under these prefixes</p>
          <ul className="mt-1 space-y-0.5 font-mono break-all">
            {prefixes.map((prefix) => (
              <li key={prefix}>{prefix}</li>
            ))}
          </ul>
        </div>
      </div>
      <p className="text-xs text-neutral-500">
        The server&apos;s operator sets the lists (RIPE_IMAGE_ROOTS, RIPE_REMOTE_BASES, RIPE_S3_BASES). Symlinks may not lead out of the
        base, and only image files are served.
        {mirrors.length > 0 && <> Mirror folders searched first: {mirrors.join(", ")}.</>}
      </p>
    </form>
  );
}
