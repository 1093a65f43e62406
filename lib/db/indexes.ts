// Index management for bulk loads. Maintaining a dozen btrees and a trigram GIN row by row is
// what makes a 400K-row import slow; building them once after the load is several times cheaper.
// The definitions come from the committed migrations, so nothing here can drift from the schema.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { SqlRunner } from "./client";
import { col, queryRows } from "./rows";

/**
 * What a bulk load builds before its rows count as browsable (pages, facets, an item's siblings);
 * the rest waits for the background search build (lib/jobs/search-job.ts).
 */
export const BROWSE_INDEXES = [
  "candidates_request",
  "candidates_browse_type_score",
  "candidates_browse_verdict_score",
  "candidates_browse_score",
  "candidates_browse_id",
  "candidates_browse_type_id",
] as const;

/** Indexes the importer's own lookups do not use: dropped during a bulk load, rebuilt after. */
export const DEFERRABLE_INDEXES = [
  ...BROWSE_INDEXES,
  "requests_session",
  "manifest_rows_dataset_kind_id",
  "manifest_rows_dataset_key",
  "manifest_rows_request",
  "manifest_rows_session",
] as const;

/** Indexes only the importer's own lookups read: a bulk load into an empty dataset keeps those lookups in memory. */
export const LOOKUP_INDEXES = ["manifest_rows_dataset_hash", "candidates_dataset_image", "requests_dataset_source"] as const;

let cachedDefinitions: Map<string, string> | null = null;

/** name → CREATE INDEX statement, from drizzle/*.sql (later migrations win). */
export function indexDefinitions(migrationsFolder = path.join(process.cwd(), "drizzle")): Map<string, string> {
  if (cachedDefinitions) return cachedDefinitions;
  const definitions = new Map<string, string>();
  const files = fs
    .readdirSync(migrationsFolder)
    .filter((file) => file.endsWith(".sql"))
    .sort();
  for (const file of files) {
    const text = fs.readFileSync(path.join(migrationsFolder, file), "utf8");
    for (const statement of text.split("--> statement-breakpoint")) {
      const match = /CREATE (UNIQUE )?INDEX (IF NOT EXISTS )?"([^"]+)"/.exec(statement);
      if (match) definitions.set(match[3], statement.trim().replace(/;$/, ""));
      const drop = /DROP INDEX (IF EXISTS )?"([^"]+)"/.exec(statement);
      if (drop) definitions.delete(drop[2]);
    }
  }
  cachedDefinitions = definitions;
  return definitions;
}

export async function dropDeferrableIndexes(db: SqlRunner, options: { andLookups?: boolean } = {}): Promise<void> {
  const names = options.andLookups ? [...DEFERRABLE_INDEXES, ...LOOKUP_INDEXES] : DEFERRABLE_INDEXES;
  for (const name of names) await db.query(`DROP INDEX IF EXISTS "${name}"`);
}

/**
 * Creates the schema's indexes that are missing (after a bulk load, or one that was killed), or
 * only those named; one statement each, stopping between them when signalled. Returns name → seconds.
 */
export async function ensureIndexes(
  db: SqlRunner,
  options: { only?: readonly string[]; signal?: AbortSignal } = {},
): Promise<Record<string, number>> {
  const definitions = indexDefinitions();
  const rows = await queryRows(
    db,
    z.object({ indexname: col.text }),
    "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()",
  );
  const present = new Set(rows.map((row) => row.indexname));
  const created: Record<string, number> = {};
  for (const [name, statement] of definitions) {
    if (present.has(name) || (options.only && !options.only.includes(name))) continue;
    if (options.signal?.aborted) break;
    const start = performance.now();
    await db.query(statement);
    created[name] = (performance.now() - start) / 1000;
  }
  return created;
}
