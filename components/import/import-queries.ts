// Server state of imports for TanStack Query: one options factory, polled while a job is active.
import { queryOptions } from "@tanstack/react-query";
import type { ImportJobStatus, JobPhase } from "@/lib/import/upload-jobs";

const POLL_MS = 750;

export const isActivePhase = (phase: JobPhase | undefined) => phase === "queued" || phase === "running";

export async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: string };
    return body.error ?? `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status} ${response.statusText}.`;
  }
}

/** `id`: a job id from the upload, or an import run id. */
export function importStatusQuery(id: string) {
  return queryOptions({
    queryKey: ["imports", id],
    queryFn: async ({ signal }): Promise<ImportJobStatus> => {
      const response = await fetch(`/api/imports/${encodeURIComponent(id)}`, { signal, cache: "no-store" });
      if (!response.ok) throw new Error(await readError(response));
      return (await response.json()) as ImportJobStatus;
    },
    staleTime: 0,
    refetchInterval: (query) => (isActivePhase(query.state.data?.phase) ? POLL_MS : false),
  });
}
