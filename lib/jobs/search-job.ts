// The search index of a bulk import, built after the rows are browsable, as a leased background
// job. A bulk load leaves out the indexes browsing does not need and every request's search
// words; this job builds the missing indexes (one statement each) and then writes the words in
// short chunks, so on the embedded database (one connection) pages keep being served between
// chunks. It is resumable by construction: each chunk takes the next requests that still lack
// their words, and the last step clears the dataset's backlog only if none is left.
import { z } from "zod";
import type { DbHandle } from "../db/client";
import { enqueueBackgroundJob, hasLiveJob } from "../db/queries/background-jobs";
import { raiseMaintenanceMemory } from "../db/queries/imports";
import {
  countRequestsLackingTerms,
  datasetsNeedingSearchJob,
  finishSearchBacklog,
  insertTerms,
  requestsLackingTerms,
} from "../db/queries/search-index";
import { ensureIndexes } from "../db/indexes";
import { termsOf } from "../search/terms";
import type { JobHandler } from "./worker";

/** Requests per chunk: ~0.3 s of the embedded database's time each at 400K rows, so a page waits at most that long. */
const CHUNK = 5000;

const searchPayload = z.object({ datasetId: z.number().int().positive() });

/** Queues the build for a dataset unless one is queued or running already. */
export async function enqueueSearchBuild(db: Pick<DbHandle, "query">, datasetId: number): Promise<void> {
  if (await hasLiveJob(db, "search", "datasetId", datasetId)) return;
  await enqueueBackgroundJob(db, { kind: "search", datasetId, payload: { datasetId }, progress: { stage: "indexes" } });
}

/** At an instance's start: a dataset whose bulk import died before queueing its build gets one. */
export async function enqueueMissingSearchBuilds(db: Pick<DbHandle, "query">): Promise<number> {
  const datasets = await datasetsNeedingSearchJob(db);
  for (const datasetId of datasets) await enqueueSearchBuild(db, datasetId);
  return datasets.length;
}

export type SearchBuildProgress = { stage: "indexes" | "words"; done: number; total: number };

/** The build itself (the job below, and the import CLI in its own process). */
export async function buildSearchIndex(
  db: DbHandle,
  datasetId: number,
  options: { signal?: AbortSignal; onProgress?: (progress: SearchBuildProgress) => Promise<void> | void } = {},
): Promise<{ indexSeconds: Record<string, number>; words: number; isReady: boolean }> {
  await raiseMaintenanceMemory(db);
  const indexSeconds = await ensureIndexes(db, { signal: options.signal });
  const total = await countRequestsLackingTerms(db, datasetId);
  let done = 0;
  let afterId = 0;
  await options.onProgress?.({ stage: "words", done, total });
  while (!options.signal?.aborted) {
    const rows = await requestsLackingTerms(db, datasetId, afterId, CHUNK);
    if (rows.length === 0) break;
    await insertTerms(
      db,
      rows.map((row) => ({ requestId: row.id, terms: termsOf(row.text, row.summarized_text) })),
    );
    afterId = rows[rows.length - 1].id;
    done += rows.length;
    await options.onProgress?.({ stage: "words", done, total: Math.max(total, done) });
  }
  const isReady = options.signal?.aborted ? false : await finishSearchBacklog(db, datasetId);
  return { indexSeconds, words: done, isReady };
}

export const runSearchJob: JobHandler = async ({ db, job, signal, reportProgress }) => {
  const { datasetId } = searchPayload.parse(job.payload);
  const built = await buildSearchIndex(db, datasetId, { signal, onProgress: (progress) => reportProgress(progress) });
  if (signal.aborted) return { status: "cancelled" };
  return { status: "done", result: built };
};
