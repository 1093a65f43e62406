import "server-only";
// The importer's COPYs without PostgreSQL's per-row checks, for PGlite bulk loads: whether the
// schema allows them, and the batch write that checks the dataset once and adds the facet counts
// from the batch's tally (facet-tally.ts) instead of the trigger.
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryRows } from "../rows";
import { FacetTally } from "./facet-tally";
import { CANDIDATE_COPY, MANIFEST_COPY, REQUEST_COPY, TERMS_COPY } from "../import-copy";
import { copyImportRows, type ImportRowLines } from "./import-rows";

const COPIED_TABLES = [REQUEST_COPY.table, CANDIDATE_COPY.table, MANIFEST_COPY.table];

/**
 * Whether the importer's tables can take unchecked COPYs (copyImportRowsUnchecked): their only
 * foreign keys are dataset_id → datasets and their only insert trigger is the facet count one,
 * which the importer then does itself. Anything else added to the schema turns this off.
 */
export async function canCopyUnchecked(db: Pick<SqlRunner, "query">): Promise<boolean> {
  const foreignKeys = await queryRows(
    db,
    z.object({ definition: col.text }),
    `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE contype = 'f' AND conrelid = ANY(SELECT oid FROM pg_class WHERE relname = ANY($1::text[]) AND relnamespace = current_schema()::regnamespace)`,
    [COPIED_TABLES],
  );
  // tgtype bit 2 (4) is INSERT.
  const triggers = await queryRows(
    db,
    z.object({ name: col.text }),
    `SELECT t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relname = ANY($1::text[]) AND c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal AND t.tgtype & 4 <> 0`,
    [COPIED_TABLES],
  );
  return (
    foreignKeys.every((key) => /^FOREIGN KEY \(dataset_id\) REFERENCES (public\.)?datasets\(id\)/.test(key.definition)) &&
    triggers.every((trigger) => trigger.name === "candidates_facets_insert")
  );
}

/**
 * copyImportRows without the per-row work PostgreSQL would repeat for every row: the dataset_id
 * foreign key check (one lookup of the same datasets row per row, a third of a bulk load's
 * database time) and the facet trigger (its transition table). Runs under
 * session_replication_role = replica for the COPYs only (superuser: PGlite bulk loads); the
 * dataset row is checked and key-share locked once, as each foreign key check would, and the
 * facet counts of the batch's candidates are added from the tally. Only where canCopyUnchecked.
 */
export async function copyImportRowsUnchecked(tx: SqlRunner, datasetId: number, lines: ImportRowLines, facets: FacetTally) {
  const found = await queryRows(tx, z.object({ id: col.int }), "SELECT id FROM datasets WHERE id = $1 FOR KEY SHARE", [datasetId]);
  if (found.length === 0) throw new Error(`dataset ${datasetId} does not exist`);
  await tx.query("SET LOCAL session_replication_role = replica");
  await copyImportRows(tx, { ...lines, terms: undefined });
  await tx.query("SET LOCAL session_replication_role = origin");
  // Search words (when not deferred) keep their foreign key check to requests.
  if (lines.terms && !lines.terms.isEmpty) await tx.copyFrom(TERMS_COPY.table, TERMS_COPY.columns, lines.terms.bytes());
  await facets.write(tx);
}
