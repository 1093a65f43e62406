import "server-only";
// Reads of import runs (the durable record of every import, CLI or web) and of what an import
// left behind (manifest rows per kind), for the import and export pages.
import type { DbHandle } from "../client";
import type { ManifestKind } from "../schema";
import type { ImportRunSummary, DatasetChoice } from "../../import/types";
export type { ImportRunSummary, DatasetChoice };

export type ImportRunStatus = "running" | "done" | "rejected" | "cancelled";

export type ImportRunDetail = ImportRunSummary & { errors: string[]; warnings: string[] };

type Row = Record<string, unknown>;

const SUMMARY_COLUMNS = `r.id, r.dataset_id, d.name AS dataset_name, r.file, r.kind, r.status, r.is_strict,
  r.lines_total, r.lines_imported, r.lines_unchanged, r.lines_bad,
  jsonb_array_length(r.errors) AS error_count, jsonb_array_length(r.warnings) AS warning_count,
  r.started_at, r.finished_at`;

const toIso = (value: unknown): string => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString());

function toSummary(row: Row): ImportRunSummary {
  return {
    id: Number(row.id),
    datasetId: Number(row.dataset_id),
    datasetName: String(row.dataset_name),
    file: String(row.file),
    kind: row.kind === null ? null : String(row.kind),
    status: String(row.status),
    isStrict: Boolean(row.is_strict),
    linesTotal: Number(row.lines_total),
    linesImported: Number(row.lines_imported),
    linesUnchanged: Number(row.lines_unchanged),
    linesBad: Number(row.lines_bad),
    errorCount: Number(row.error_count),
    warningCount: Number(row.warning_count),
    startedAt: toIso(row.started_at),
    finishedAt: row.finished_at === null ? null : toIso(row.finished_at),
  };
}

/** Newest runs first; without their messages (up to 1000 each), which are fetched per run. */
export async function listImportRuns(db: DbHandle, limit = 25): Promise<ImportRunSummary[]> {
  const rows = await db.query<Row>(
    `SELECT ${SUMMARY_COLUMNS} FROM import_runs r JOIN datasets d ON d.id = r.dataset_id ORDER BY r.id DESC LIMIT $1`,
    [limit],
  );
  return rows.map(toSummary);
}

export async function getImportRun(db: DbHandle, runId: number): Promise<ImportRunDetail | undefined> {
  const [row] = await db.query<Row>(
    `SELECT ${SUMMARY_COLUMNS}, r.errors, r.warnings FROM import_runs r JOIN datasets d ON d.id = r.dataset_id WHERE r.id = $1`,
    [runId],
  );
  if (!row) return undefined;
  const list = (value: unknown) =>
    Array.isArray(value) ? value.map(String) : typeof value === "string" ? (JSON.parse(value) as string[]) : [];
  return { ...toSummary(row), errors: list(row.errors), warnings: list(row.warnings) };
}

export type ImportedRowCounts = Record<ManifestKind, number>;

/**
 * Manifest rows per kind, optionally only those of some edit types: the most an export can hold
 * (an index-only count, cheap at 400K rows, unlike the dry run that applies every decision).
 * Multi-turn rows have no single edit type, so the filter never narrows them (as in exportLines).
 */
export async function countImportedRows(db: DbHandle, datasetId: number, editTypes: string[] = []): Promise<ImportedRowCounts> {
  const counts: ImportedRowCounts = { sft: 0, preference: 0, multi_turn: 0 };
  const rows = editTypes.length
    ? await db.query<{ kind: ManifestKind; count: string }>(
        `SELECT m.kind, count(*) AS count FROM manifest_rows m
         LEFT JOIN requests r ON r.id = m.request_id
         WHERE m.dataset_id = $1 AND (m.kind = 'multi_turn' OR r.edit_type = ANY($2::text[]))
         GROUP BY m.kind`,
        [datasetId, editTypes],
      )
    : await db.query<{ kind: ManifestKind; count: string }>(
        "SELECT kind, count(*) AS count FROM manifest_rows WHERE dataset_id = $1 GROUP BY kind",
        [datasetId],
      );
  for (const row of rows) if (row.kind in counts) counts[row.kind] = Number(row.count);
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
  const rows = await db.query<{ id: number; name: string; base: string | null; is_demo: boolean }>(
    "SELECT id, name, base, is_demo FROM datasets ORDER BY is_demo, name",
  );
  return rows.map((row) => ({ id: Number(row.id), name: row.name, base: row.base, isDemo: Boolean(row.is_demo) }));
}

/** Starts the durable record of one file's import. */
export async function createImportRun(
  db: Pick<DbHandle, "query">,
  input: { datasetId: number; file: string; isStrict: boolean },
): Promise<number> {
  const [run] = await db.query<{ id: number }>("INSERT INTO import_runs (dataset_id, file, is_strict) VALUES ($1, $2, $3) RETURNING id", [
    input.datasetId,
    input.file,
    input.isStrict,
  ]);
  return Number(run.id);
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
  const [{ count }] = await db.query<{ count: string | number }>(
    "SELECT (SELECT count(*) FROM candidates WHERE dataset_id = $1) + (SELECT count(*) FROM manifest_rows WHERE dataset_id = $1) AS count",
    [datasetId],
  );
  return Number(count) === 0;
}

/** Index builds sort in memory up to this much (PGlite's WASM heap keeps what it grows to). */
export async function raiseMaintenanceMemory(db: Pick<DbHandle, "query">) {
  await db.query("SET maintenance_work_mem = '256MB'").catch(() => {});
}

/** Fresh planner statistics after bulk work (PGlite has no autovacuum); VACUUM too where asked. */
export async function refreshStatistics(db: Pick<DbHandle, "query">, options: { vacuum?: boolean } = {}) {
  await db.query(options.vacuum ? "VACUUM ANALYZE" : "ANALYZE");
}
