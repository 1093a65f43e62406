import "server-only";
// Reads of import runs (the durable record of every import, CLI or web) and of what an import
// left behind (manifest rows per kind), for the import and export pages.
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne, queryRows } from "../rows";
import type { ManifestKind } from "../schema";
import type { ImportRunSummary, DatasetChoice } from "../../import/types";
export type { ImportRunSummary, DatasetChoice };

export type ImportRunStatus = "running" | "done" | "rejected" | "cancelled";

export type ImportRunDetail = ImportRunSummary & { errors: string[]; warnings: string[] };

const SUMMARY_COLUMNS = `r.id, r.dataset_id AS "datasetId", d.name AS "datasetName", r.file, r.kind, r.status, r.is_strict AS "isStrict",
  r.lines_total AS "linesTotal", r.lines_imported AS "linesImported", r.lines_unchanged AS "linesUnchanged", r.lines_bad AS "linesBad",
  jsonb_array_length(r.errors) AS "errorCount", jsonb_array_length(r.warnings) AS "warningCount",
  r.started_at AS "startedAt", r.finished_at AS "finishedAt"`;

const iso = (date: Date) => date.toISOString();
const importRunSummary = z.object({
  id: col.int,
  datasetId: col.int,
  datasetName: col.text,
  file: col.text,
  kind: col.nullableText,
  status: col.text,
  isStrict: col.bool,
  linesTotal: col.int,
  linesImported: col.int,
  linesUnchanged: col.int,
  linesBad: col.int,
  errorCount: col.int,
  warningCount: col.int,
  startedAt: col.date.transform(iso),
  finishedAt: col.nullableDate.transform((date) => (date === null ? null : iso(date))),
}) satisfies z.ZodType<ImportRunSummary>;

/** A jsonb list of messages (node-postgres and PGlite parse jsonb; text is parsed here). */
const messages = z.preprocess((value) => (typeof value === "string" ? JSON.parse(value) : value), z.array(z.string()));
const importRunDetail = importRunSummary.extend({ errors: messages, warnings: messages });

/** Newest runs first; without their messages (up to 1000 each), which are fetched per run. */
export async function listImportRuns(db: DbHandle, limit = 25): Promise<ImportRunSummary[]> {
  return queryRows(
    db,
    importRunSummary,
    `SELECT ${SUMMARY_COLUMNS} FROM import_runs r JOIN datasets d ON d.id = r.dataset_id ORDER BY r.id DESC LIMIT $1`,
    [limit],
  );
}

export async function getImportRun(db: DbHandle, runId: number): Promise<ImportRunDetail | undefined> {
  const [row] = await queryRows(
    db,
    importRunDetail,
    `SELECT ${SUMMARY_COLUMNS}, r.errors, r.warnings FROM import_runs r JOIN datasets d ON d.id = r.dataset_id WHERE r.id = $1`,
    [runId],
  );
  return row;
}

export type ImportedRowCounts = Record<ManifestKind, number>;

/**
 * Manifest rows per kind, optionally only those of some edit types: the most an export can hold
 * (an index-only count, cheap at 400K rows, unlike the dry run that applies every decision).
 * Multi-turn rows have no single edit type, so the filter never narrows them (as in exportLines).
 */
const kindCount = z.object({ kind: col.manifestKind, count: col.int });

export async function countImportedRows(db: DbHandle, datasetId: number, editTypes: string[] = []): Promise<ImportedRowCounts> {
  const counts: ImportedRowCounts = { sft: 0, preference: 0, multi_turn: 0 };
  const rows = editTypes.length
    ? await queryRows(
        db,
        kindCount,
        `SELECT m.kind, count(*) AS count FROM manifest_rows m
         LEFT JOIN requests r ON r.id = m.request_id
         WHERE m.dataset_id = $1 AND (m.kind = 'multi_turn' OR r.edit_type = ANY($2::text[]))
         GROUP BY m.kind`,
        [datasetId, editTypes],
      )
    : await queryRows(db, kindCount, "SELECT kind, count(*) AS count FROM manifest_rows WHERE dataset_id = $1 GROUP BY kind", [datasetId]);
  for (const row of rows) counts[row.kind] = row.count;
  return counts;
}

/** A run whose import threw: without this it would read "running" forever. */
export async function markRunFailed(db: DbHandle, runId: number, message: string): Promise<void> {
  await db.query(
    `UPDATE import_runs SET status = 'failed', finished_at = now(), errors = errors || jsonb_build_array($2::text)
     WHERE id = $1 AND status = 'running'`,
    [runId, message],
  );
}

/** The datasets an import can go into (no aggregates: the import page must open fast at 400K rows). */
export async function listDatasetChoices(db: DbHandle): Promise<DatasetChoice[]> {
  return queryRows(
    db,
    z.object({ id: col.int, name: col.text, base: col.nullableText, isDemo: col.bool }) satisfies z.ZodType<DatasetChoice>,
    `SELECT id, name, base, is_demo AS "isDemo" FROM datasets ORDER BY is_demo, name`,
  );
}

/** Starts the durable record of one file's import. */
export async function createImportRun(
  db: Pick<DbHandle, "query">,
  input: { datasetId: number; file: string; isStrict: boolean },
): Promise<number> {
  const run = await queryOne(
    db,
    z.object({ id: col.int }),
    "INSERT INTO import_runs (dataset_id, file, is_strict) VALUES ($1, $2, $3) RETURNING id",
    [input.datasetId, input.file, input.isStrict],
  );
  return run.id;
}

export type RunCounts = { linesTotal: number; imported: number; unchanged: number; bad: number };

/** The running counts, written in each batch's transaction so a killed import shows what it did. */
export async function updateRunCounts(tx: Pick<DbHandle, "query">, runId: number, counts: RunCounts) {
  await tx.query("UPDATE import_runs SET lines_total = $2, lines_imported = $3, lines_unchanged = $4, lines_bad = $5 WHERE id = $1", [
    runId,
    counts.linesTotal,
    counts.imported,
    counts.unchanged,
    counts.bad,
  ]);
}

export async function finishImportRun(
  db: Pick<DbHandle, "query">,
  runId: number,
  outcome: RunCounts & { status: ImportRunStatus; errors: string[]; warnings: string[]; kinds: string[] },
) {
  await db.query(
    `UPDATE import_runs SET status = $2, lines_total = $3, lines_imported = $4, lines_unchanged = $5, lines_bad = $6,
       errors = $7::jsonb, warnings = $8::jsonb, finished_at = now(), kind = $9 WHERE id = $1`,
    [
      runId,
      outcome.status,
      outcome.linesTotal,
      outcome.imported,
      outcome.unchanged,
      outcome.bad,
      JSON.stringify(outcome.errors),
      JSON.stringify(outcome.warnings),
      outcome.kinds.join(",") || null,
    ],
  );
}

/** True when the dataset holds no candidate and no manifest row (a bulk load may keep its lookups in memory). */
export async function isDatasetEmpty(db: Pick<DbHandle, "query">, datasetId: number): Promise<boolean> {
  const { count } = await queryOne(
    db,
    z.object({ count: col.int }),
    "SELECT (SELECT count(*) FROM candidates WHERE dataset_id = $1) + (SELECT count(*) FROM manifest_rows WHERE dataset_id = $1) AS count",
    [datasetId],
  );
  return count === 0;
}

/**
 * Index builds sort in memory up to this much. Enough for the btrees of 400K rows (~20 MB of keys
 * each); no more, since PGlite's WASM heap keeps whatever it once grew to (the 256 MB the trigram
 * index wanted kept peak RSS above 1 GB for the life of the process).
 */
export async function raiseMaintenanceMemory(db: Pick<DbHandle, "query">) {
  await db.query("SET maintenance_work_mem = '64MB'").catch(() => {});
}

/** Planner statistics for what pages read, right after a bulk load (sampled: about a second at 400K rows). */
export async function analyzeBrowseTables(db: Pick<DbHandle, "query">) {
  await db.query("ANALYZE candidates, requests, facet_counts");
}

/** Fresh planner statistics after bulk work (PGlite has no autovacuum); VACUUM too where asked. */
export async function refreshStatistics(db: Pick<DbHandle, "query">, options: { vacuum?: boolean } = {}) {
  await db.query(options.vacuum ? "VACUUM ANALYZE" : "ANALYZE");
}
