// Sends one file as the raw request body. XMLHttpRequest rather than fetch: fetch reports no
// upload progress, and a file of hundreds of MB takes long enough that a person wants a bar.
import type { ImportJobStatus } from "@/lib/import/upload-jobs";

export type UploadOutcome = { ok: true; status: ImportJobStatus } | { ok: false; error: string };

export function uploadFile(
  file: File,
  query: URLSearchParams,
  onProgress: (sentBytes: number) => void,
  signal?: AbortSignal,
): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/imports?${query.toString()}`);
    request.setRequestHeader("content-type", "application/x-ndjson");
    request.responseType = "json";
    request.upload.onprogress = (event) => onProgress(event.loaded);
    request.onload = () => {
      const body = request.response as (ImportJobStatus & { error?: string }) | null;
      if (request.status === 202 && body) resolve({ ok: true, status: body });
      else resolve({ ok: false, error: body?.error ?? `The server answered ${request.status}.` });
    };
    request.onerror = () =>
      resolve({ ok: false, error: `${file.name}: the connection to the server was lost during the upload; try again.` });
    request.onabort = () => resolve({ ok: false, error: `${file.name}: upload cancelled.` });
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}
