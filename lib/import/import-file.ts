// Imports one JSONL file into a dataset: streams it in constant memory, validates each line,
// detects its kind by its keys and writes batches in transactions (a killed import leaves no
// half-imported row; re-running skips what is already there). Bad lines are reported as
// `FILE:LINE: field: problem`; `strict` imports nothing when any line is bad.
import fs from "node:fs";
import path from "node:path";
import type { DbHandle } from "../db/client";
import { refreshCandidates } from "../db/queries/candidate-state";
import {
  analyzeBrowseTables,
  createImportRun,
  finishImportRun,
  isDatasetEmpty,
  raiseMaintenanceMemory,
  updateRunCounts,
} from "../db/queries/imports";
import { canCopyUnchecked } from "../db/queries/import-rows-unchecked";
import { CsvBytes } from "../db/csv";
import { BROWSE_INDEXES, dropDeferrableIndexes, ensureIndexes } from "../db/indexes";
import { markSearchBacklog } from "../db/queries/search-index";
import { addSearchWords } from "../db/queries/search-words";
import { enqueueSearchBuild } from "../jobs/search-job";
import type { ParsedLine } from "../manifest/records";
import { importDecisionBatch, importJudgeScoreBatch } from "./batch-labels";
import { importMultiTurnBatch } from "./batch-multi-turn";
import { importPreferenceBatch } from "./batch-preference";
import { importSftBatch } from "./batch-sft";
import { lineHash, type CheckedLine } from "./check-line";
import { checkLinesHere } from "./check-line";
import { BulkMemory } from "./bulk-memory";
import { collectGarbage, limitHeapGrowth } from "./collect-garbage";
import type { BatchContext, BatchLine, BatchResult, SftBatchLine } from "./context";
import type { RowContext } from "./sft-rows";

export { lineHash };

export type ImportProgress = { file: string; linesRead: number; bytesRead: number; totalBytes: number; imported: number; bad: number };

export type ImportOptions = {
  datasetId: number;
  file: string;
  /** Name used in messages (defaults to the file's base name). */
  label?: string;
  strict?: boolean;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops between batches; what was committed stays. */
  signal?: AbortSignal;
  /**
   * Drop the indexes the importer does not read, load, then rebuild them once. Much faster for
   * big files; only for a database no one else is using (the CLI on PGlite). Default: off.
   */
  bulk?: boolean;
  /**
   * Where checked lines come from: checkLinesInWorker (checked-lines.ts) for the CLI and the
   * benchmarks, which run under tsx. Not imported here: the web app's bundler would follow the
   * worker into tsx and esbuild, and the app checks lines in its own thread (the default).
   */
  checkLines?: (file: string, rows?: RowContext) => AsyncGenerator<CheckedLine>;
  /**
   * Bulk loads: where to append the COPY lines of the requests' search words (computed while
   * checking), for buildSearchIndex's `termsFile` to load in one go after the rows are browsable.
   * Without it the background build reads the instructions back and computes them.
   */
  termsFile?: string;
  /** Called as soon as the import_runs row exists, so a page can link the durable record at once. */
  onRunCreated?: (runId: number) => void;
};

export type ImportReport = {
  runId: number;
  file: string;
  status: "done" | "rejected" | "cancelled";
  linesTotal: number;
  imported: number;
  unchanged: number;
  bad: number;
  byKind: Record<string, number>;
  errors: string[];
  warnings: string[];
  /** Bulk loads: seconds spent building each browse index after the load (the rest is the search build's). */
  indexSeconds?: Record<string, number>;
  /** Bulk loads: the search words and the other indexes are left to a queued background build. */
  isSearchDeferred?: boolean;
};

const MAX_STORED_MESSAGES = 1000;
/** Bulk loads collect garbage every this many batches (collect-garbage.ts). */
const BATCHES_PER_COLLECTION = 10;

type Pending = { [K in Exclude<ParsedLine["kind"], "sft">]: BatchLine<Extract<ParsedLine, { kind: K }>["record"]>[] } & {
  sft: SftBatchLine[];
};

const emptyPending = (): Pending => ({ sft: [], preference: [], multi_turn: [], judge_scores: [], decisions: [] });

export async function importFile(handle: DbHandle, options: ImportOptions): Promise<ImportReport> {
  const label = options.label ?? path.basename(options.file);
  const totalBytes = fs.statSync(options.file).size;
  const batchSize = options.batchSize ?? 5000;
  const runId = await createImportRun(handle, { datasetId: options.datasetId, file: label, isStrict: options.strict ?? false });
  options.onRunCreated?.(runId);
  const report: ImportReport = {
    runId,
    file: label,
    status: "done",
    linesTotal: 0,
    imported: 0,
    unchanged: 0,
    bad: 0,
    byKind: {},
    errors: [],
    warnings: [],
  };
  const badLines = new Set<number>(); // a line with several problems is still one bad line
  const fail = (lineNo: number, field: string, problem: string) => {
    if (!badLines.has(lineNo)) {
      badLines.add(lineNo);
      report.bad++;
    }
    if (report.errors.length < MAX_STORED_MESSAGES) report.errors.push(`${label}:${lineNo}: ${field}: ${problem}`);
  };
  const warn = (lineNo: number, field: string, problem: string) => {
    if (report.warnings.length < MAX_STORED_MESSAGES) report.warnings.push(`${label}:${lineNo}: ${field}: ${problem}`);
  };

  // The CLI's bulk loads check lines in a worker thread, in parallel with writing them (checked-lines.ts).
  // The importing pass has SFT lines' rows built there too (sft-rows.ts).
  const checkedLines = (rows?: RowContext): AsyncGenerator<CheckedLine> => (options.checkLines ?? checkLinesHere)(options.file, rows);

  if (options.strict) {
    // First pass validates everything; nothing is written unless every line is good.
    for await (const line of checkedLines()) {
      report.linesTotal++;
      if (!line.ok) for (const problem of line.problems) fail(line.lineNo, problem.field, problem.problem);
    }
    if (report.bad > 0) {
      report.status = "rejected";
      await finishRun(handle, report, 0);
      return report;
    }
  }

  // A bulk load into an empty dataset answers its own lookups from memory (everything there is
  // this run's), so even the lookup indexes can wait until the end.
  let memory: BulkMemory | undefined;
  let unchecked = false;
  if (options.bulk) {
    limitHeapGrowth();
    if (await isDatasetEmpty(handle, options.datasetId)) memory = new BulkMemory();
    await dropDeferrableIndexes(handle, { andLookups: memory !== undefined });
    // Before any request without its words is written: search falls back to scanning meanwhile.
    await markSearchBacklog(handle, options.datasetId);
    // Unchecked COPYs need a superuser (PGlite's only user); bulk loads run on PGlite anyway.
    unchecked = handle.kind === "pglite" && (await canCopyUnchecked(handle));
  }
  report.linesTotal = 0; // counted again by the importing pass
  let pending = emptyPending();
  let pendingCount = 0;
  /** Words the lines read since the last batch were the first to use (check-line.ts newWords). */
  let pendingWords: string[] = [];
  let bytesRead = 0;
  let batches = 0;
  const flush = async () => {
    if (pendingCount === 0) return;
    const batch = pending;
    const words = pendingWords;
    pending = emptyPending();
    pendingCount = 0;
    pendingWords = [];
    const touched: number[] = [];
    const deferredTerms = options.bulk && options.termsFile ? new CsvBytes() : undefined;
    await handle.transaction(async (tx) => {
      const context: BatchContext = {
        tx,
        memory,
        unchecked,
        isSearchDeferred: options.bulk,
        deferredTerms,
        datasetId: options.datasetId,
        file: label,
        runId,
        fail,
        warn,
      };
      const apply = (kind: string, result: BatchResult) => {
        report.imported += result.imported;
        report.unchanged += result.unchanged;
        report.byKind[kind] = (report.byKind[kind] ?? 0) + result.imported;
        touched.push(...result.touchedCandidates);
      };
      // The words list before the words that use it (also those of deferred words: a word listed
      // early costs nothing, one missing would hide matches).
      await addSearchWords(tx, words);
      // Manifests first (so scores and decisions in the same batch find their candidates).
      if (batch.sft.length) apply("sft", await importSftBatch(context, batch.sft));
      if (batch.preference.length) apply("preference", await importPreferenceBatch(context, batch.preference));
      if (batch.multi_turn.length) apply("multi_turn", await importMultiTurnBatch(context, batch.multi_turn));
      if (batch.judge_scores.length) apply("judge_scores", await importJudgeScoreBatch(context, batch.judge_scores));
      if (batch.decisions.length) apply("decisions", await importDecisionBatch(context, batch.decisions));
      if (touched.length) await refreshCandidates(tx, touched);
      await updateRunCounts(tx, runId, report);
    });
    // Only once committed: the file holds words of stored requests alone.
    if (deferredTerms && !deferredTerms.isEmpty) fs.appendFileSync(options.termsFile!, deferredTerms.bytes());
    if (options.bulk && ++batches % BATCHES_PER_COLLECTION === 0) collectGarbage();
    options.onProgress?.({ file: label, linesRead: report.linesTotal, bytesRead, totalBytes, imported: report.imported, bad: report.bad });
  };

  for await (const line of checkedLines({ datasetId: options.datasetId, runId, file: label, isDatasetEmpty: memory !== undefined })) {
    bytesRead = line.byteEnd;
    report.linesTotal++;
    if (!line.ok) {
      for (const problem of line.problems) fail(line.lineNo, problem.field, problem.problem);
      continue;
    }
    if (line.newWords) pendingWords.push(...line.newWords);
    const { lineNo, hash, terms } = line;
    if ("sft" in line) {
      if (terms === null) throw new Error(`${label}:${lineNo}: an SFT line was checked without its search words`);
      pending.sft.push({ lineNo, raw: line.raw, hash, terms, rows: line.sft });
    } else if (line.parsed.kind === "sft") throw new Error(`${label}:${lineNo}: an SFT line was checked without its rows`);
    else (pending[line.parsed.kind] as BatchLine<unknown>[]).push({ lineNo, raw: line.raw, hash, terms, record: line.parsed.record });
    pendingCount++;
    if (pendingCount >= batchSize) {
      await flush();
      if (options.signal?.aborted) {
        report.status = "cancelled";
        break;
      }
    }
  }
  if (report.status !== "cancelled") await flush();
  if (options.bulk) {
    // Browsable from here; the search words and the other indexes follow in the background.
    await raiseMaintenanceMemory(handle);
    report.indexSeconds = await ensureIndexes(handle, { only: BROWSE_INDEXES });
    await analyzeBrowseTables(handle);
    await markSearchBacklog(handle, options.datasetId);
    await enqueueSearchBuild(handle, options.datasetId);
    report.isSearchDeferred = true;
  }
  await finishRun(handle, report, report.imported);
  return report;
}

async function finishRun(handle: DbHandle, report: ImportReport, imported: number) {
  await finishImportRun(handle, report.runId, { ...report, imported, kinds: Object.keys(report.byKind) });
}
