// The search index of a bulk import, built after the rows are browsable, as a leased background
// job. A bulk load leaves out the indexes browsing does not need and every request's search
// words; this job builds the missing indexes (one statement each) and then writes the words in
// short chunks, so on the embedded database (one connection) pages keep being served between
// chunks. It is resumable by construction: each chunk takes the next requests that still lack
// their words, and the last step clears the dataset's backlog only if none is left.
//
// A bulk load from the CLI (or a benchmark) that kept its requests' words in a terms file
// (import-file.ts `termsFile`, computed by the checking worker while it loaded) has them loaded
// from that file first, in large COPYs, and on the embedded database, when the words already
// stored are fewer than those coming, the GIN index is dropped for the load and built once after:
// together several times cheaper than reading the instructions back and writing them in chunks
// through the index. Nobody else uses the data folder meanwhile (the CLI holds it alone).
import fs from "node:fs";
import { z } from "zod";
import type { DbHandle } from "../db/client";
import { enqueueBackgroundJob, hasLiveJob } from "../db/queries/background-jobs";
import { raiseMaintenanceMemory } from "../db/queries/imports";
import {
  copyTermRows,
  countRequestsLackingTerms,
  countTermRows,
  datasetsNeedingSearchJob,
  dropOrphanTerms,
  dropTermsIndex,
  finishSearchBacklog,
  insertTerms,
  requestsLackingTerms,
} from "../db/queries/search-index";
import { ensureIndexes } from "../db/indexes";
import { isConstraintViolation } from "../db/pg-error";
import { canCopyUnchecked } from "../db/queries/import-rows-unchecked";
import { readLinePieces } from "../manifest/line-reader";
import { collectGarbage } from "../import/collect-garbage";
import { termsAndWords } from "../search/terms";
import type { JobHandler } from "./worker";

/** Requests per chunk: ~0.3 s of the embedded database's time each at 400K rows, so a page waits at most that long. */
const CHUNK = 5000;
/** Terms-file bytes per COPY (about 8,000 requests' words). */
const FILE_PIECE_BYTES = 2 * 1024 * 1024;

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

type BuildOptions = {
  signal?: AbortSignal;
  onProgress?: (progress: SearchBuildProgress) => Promise<void> | void;
  /** The terms file of the bulk load(s) just done in this process (import-file.ts `termsFile`). */
  termsFile?: string;
};

/**
 * Loads a terms file. Returns the rows loaded; stops at the first COPY refused by a constraint
 * (a request that has its words already: a second build; or is gone: a checked COPY), leaving
 * the rest to the chunked build. Any other failure (a lost connection, a malformed file) is
 * thrown: it is a fault to report, not a sign the words are there. A GIN index dropped for the
 * load is then rebuilt by the next build or the next start (migrateDatabase's ensureIndexes).
 */
async function loadTermsFile(db: DbHandle, file: string, total: number, options: BuildOptions): Promise<number> {
  if (db.kind === "pglite" ? (await countTermRows(db)) < total : (await countTermRows(db)) === 0) await dropTermsIndex(db);
  // Unchecked COPYs where the importer's are (PGlite, superuser), checked once at the end instead.
  const unchecked = db.kind === "pglite" && (await canCopyUnchecked(db));
  let done = 0;
  let copies = 0;
  try {
    // The file is COPY text already (the importer wrote it): its bytes go in as read, in pieces cut
    // after a newline, with no line decoded or encoded again.
    for await (const piece of readLinePieces(file, FILE_PIECE_BYTES)) {
      if (options.signal?.aborted) break;
      await copyTermRows(db, piece.bytes, { unchecked });
      done += piece.lines;
      if (++copies % 10 === 0) collectGarbage();
      await options.onProgress?.({ stage: "words", done, total: Math.max(total, done) });
    }
  } catch (error) {
    if (!isConstraintViolation(error)) throw error;
    console.warn(`search build: the terms file stopped loading after ${done} rows (${String(error)}); computing the rest`);
  }
  if (unchecked) done -= await dropOrphanTerms(db);
  return done;
}

/** The build itself (the job below, and the import CLI in its own process). */
export async function buildSearchIndex(
  db: DbHandle,
  datasetId: number,
  options: BuildOptions = {},
): Promise<{ indexSeconds: Record<string, number>; words: number; isReady: boolean }> {
  await raiseMaintenanceMemory(db);
  const total = await countRequestsLackingTerms(db, datasetId);
  let done = 0;
  await options.onProgress?.({ stage: "words", done, total });
  if (options.termsFile && fs.existsSync(options.termsFile)) done = await loadTermsFile(db, options.termsFile, total, options);
  const indexSeconds = await ensureIndexes(db, { signal: options.signal });
  let afterId = 0;
  while (!options.signal?.aborted) {
    const rows = await requestsLackingTerms(db, datasetId, afterId, CHUNK);
    if (rows.length === 0) break;
    const words = new Set<string>();
    const terms = rows.map((row) => {
      const computed = termsAndWords(row.text, row.summarized_text);
      for (const word of computed.words) words.add(word);
      return { requestId: row.id, terms: computed.terms };
    });
    await insertTerms(db, terms, [...words]);
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
