import "server-only";
// Moving a whole database from the embedded PGlite to a PostgreSQL server (npm run migrate-to):
// every table of the schema, parents before children, in keyset chunks as CSV (COPY out of PGlite
// into a blob, COPY into PostgreSQL from it), then each id sequence set past the copied ids. The
// facet counts are not copied: the target's triggers rebuild them as candidates arrive.
import { getTableColumns, is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne } from "../rows";
import * as schema from "../schema";

const CHUNK_ROWS = 20_000;
/** Trigger-maintained from candidates; the target's own triggers fill it. */
const DERIVED_TABLES = new Set(["facet_counts"]);

function schemaTables(): PgTable[] {
  const values: unknown[] = Object.values(schema);
  return values.filter((value): value is PgTable => is(value, PgTable));
}

/** The schema's tables, each after the tables its foreign keys point at. */
export function tablesInCopyOrder(): string[] {
  const configs = schemaTables().map((table) => getTableConfig(table));
  const parents = new Map(
    configs.map((config) => [config.name, config.foreignKeys.map((key) => getTableConfig(key.reference().foreignTable).name)]),
  );
  const ordered: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.includes(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) if (parent !== name) visit(parent, path);
    ordered.push(name);
  };
  for (const name of [...parents.keys()].sort()) visit(name, new Set());
  return ordered;
}

/** The SQL column names of a schema table, in the schema's order. */
function columnsOf(table: string): string[] {
  const found = schemaTables().find((candidate) => getTableConfig(candidate).name === table);
  if (!found) throw new Error(`No table "${table}" in the schema`);
  return Object.values(getTableColumns(found)).map((column) => column.name);
}

/** The numeric primary-key column to copy the table in chunks by (`id`, or request_terms' `request_id`); null when there is none (the auth tables' ids are text). */
function numericKeyOf(table: string): string | null {
  const found = schemaTables().find((candidate) => getTableConfig(candidate).name === table);
  const key = found ? Object.values(getTableColumns(found)).find((column) => column.primary) : undefined;
  return key?.dataType === "number" ? key.name : null;
}

export async function countRows(db: DbHandle, table: string): Promise<number> {
  const row = await queryOne(db, z.object({ n: col.int }), `SELECT count(*) AS n FROM "${table}"`);
  return row.n;
}

async function csvChunk(source: DbHandle, sql: string): Promise<string> {
  if (!source.copyToBlob) throw new Error("copying out needs the embedded database as the source");
  return source.copyToBlob(sql);
}

export type TransferProgress = { table: string; copied: number; total: number };

/** Copies every table; the target must be migrated and empty. Returns rows per table. */
export async function copyDatabase(
  source: DbHandle,
  target: DbHandle,
  onProgress?: (progress: TransferProgress) => void,
): Promise<Record<string, number>> {
  const copied: Record<string, number> = {};
  for (const table of tablesInCopyOrder()) {
    if (DERIVED_TABLES.has(table)) continue;
    const columns = columnsOf(table);
    const quoted = columns.map((column) => `"${column}"`).join(", ");
    const total = await countRows(source, table);
    const key = numericKeyOf(table);
    const hasId = key !== null;
    let done = 0;
    let lastId: number | null = null;
    while (done < total) {
      const where: string = hasId && lastId !== null ? `WHERE "${key}" > ${lastId}` : "";
      const select: string = hasId
        ? `SELECT ${quoted} FROM "${table}" ${where} ORDER BY "${key}" LIMIT ${CHUNK_ROWS}`
        : `SELECT ${quoted} FROM "${table}"`;
      const csv = await csvChunk(source, `COPY (${select}) TO '/dev/blob' WITH (FORMAT csv)`);
      if (csv.length === 0) break;
      await target.copyFrom(
        `"${table}"`,
        columns.map((column) => `"${column}"`),
        csv,
      );
      if (!hasId) {
        done = total;
        break;
      }
      const { last, n } = await queryOne(
        source,
        z.object({ last: col.int, n: col.int }),
        `SELECT max("${key}") AS last, count(*) AS n FROM (SELECT "${key}" FROM "${table}" ${where} ORDER BY "${key}" LIMIT ${CHUNK_ROWS}) chunk`,
      );
      lastId = last;
      done += n;
      onProgress?.({ table, copied: done, total });
    }
    if (key === "id") {
      await target.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE((SELECT max(id) FROM "${table}"), 1), (SELECT max(id) FROM "${table}") IS NOT NULL) WHERE pg_get_serial_sequence('"${table}"', 'id') IS NOT NULL`,
      );
    }
    copied[table] = await countRows(target, table);
    onProgress?.({ table, copied: copied[table], total });
  }
  return copied;
}

/** True when the database holds no dataset (a target must be empty). */
export async function isEmptyDatabase(db: DbHandle): Promise<boolean> {
  return (await countRows(db, "datasets")) === 0;
}
