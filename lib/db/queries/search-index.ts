import "server-only";
// The background build of the search words (lib/jobs/search-job.ts) and the state the pages show
// while it runs. A dataset's `search_backlog` is set by a bulk load before it writes requests
// without their words, and cleared only by the statement that finds none left, so search never
// believes the index is complete while some request lacks its words.
import { z } from "zod";
import type { DbHandle, SqlRunner } from "../client";
import { col, execute, queryOne, queryRows } from "../rows";
import { TERMS_COPY } from "../import-copy";
import type { SearchState } from "../../search/state";

type Runner = Pick<SqlRunner, "query">;

const LACKING = "NOT EXISTS (SELECT 1 FROM request_terms t WHERE t.request_id = r.id)";

export async function markSearchBacklog(db: Runner, datasetId: number): Promise<void> {
  await execute(db, "UPDATE datasets SET search_backlog = true WHERE id = $1", [datasetId]);
}

export async function hasSearchBacklog(db: Runner, datasetId: number): Promise<boolean> {
  const rows = await queryRows(db, z.object({ search_backlog: col.bool }), "SELECT search_backlog FROM datasets WHERE id = $1", [
    datasetId,
  ]);
  return rows[0]?.search_backlog ?? false;
}

export async function countRequestsLackingTerms(db: Runner, datasetId: number): Promise<number> {
  const row = await queryOne(db, z.object({ n: col.int }), `SELECT count(*) AS n FROM requests r WHERE r.dataset_id = $1 AND ${LACKING}`, [
    datasetId,
  ]);
  return row.n;
}

/** The next requests of the dataset (by id, after `afterId`) that have no search words yet. */
export async function requestsLackingTerms(db: Runner, datasetId: number, afterId: number, limit: number) {
  return queryRows(
    db,
    z.object({ id: col.int, text: col.text, summarized_text: col.text }),
    `SELECT r.id, r.text, r.summarized_text FROM requests r
     WHERE r.dataset_id = $1 AND r.id > $2 AND ${LACKING} ORDER BY r.id LIMIT $3`,
    [datasetId, afterId, limit],
  );
}

/**
 * Stores words for these requests; a request that has them already (a takeover redoing a chunk)
 * keeps its row. `words`: the distinct words of these terms, added to the words list by the same
 * statement.
 */
export async function insertTerms(db: Runner, rows: { requestId: number; terms: string }[], words: string[]): Promise<void> {
  if (rows.length === 0) return;
  await execute(
    db,
    `WITH listed AS (INSERT INTO search_words (word) SELECT unnest($3::text[]) ON CONFLICT DO NOTHING)
     INSERT INTO request_terms (request_id, terms)
     SELECT id, terms::tsvector FROM unnest($1::bigint[], $2::text[]) AS chunk(id, terms)
     ON CONFLICT (request_id) DO NOTHING`,
    [rows.map((row) => row.requestId), rows.map((row) => row.terms), words],
  );
}

/** Rows in request_terms, all datasets. */
export async function countTermRows(db: Runner): Promise<number> {
  return (await queryOne(db, z.object({ n: col.int }), "SELECT count(*) AS n FROM request_terms")).n;
}

/**
 * Drops the words' GIN index before a bulk load of words (ensureIndexes builds it again after):
 * one build over the whole table costs a third of upkeeping it row by row.
 */
export async function dropTermsIndex(db: Runner): Promise<void> {
  await execute(db, `DROP INDEX IF EXISTS "${TERMS_INDEX}"`);
}

export const TERMS_INDEX = "request_terms_gin";

/**
 * Loads COPY lines of request_terms (TERMS_COPY rows from an import's terms file). `unchecked`
 * (PGlite, superuser): without the per-row foreign-key check, a third of the COPY's time; the
 * caller then runs dropOrphanTerms once, which keeps the same guarantee.
 */
export async function copyTermRows(
  db: DbHandle,
  csv: string | Uint8Array<ArrayBuffer>,
  options: { unchecked?: boolean } = {},
): Promise<void> {
  if (!options.unchecked) return db.copyFrom(TERMS_COPY.table, TERMS_COPY.columns, csv);
  await db.transaction(async (tx) => {
    await tx.query("SET LOCAL session_replication_role = replica");
    await tx.copyFrom(TERMS_COPY.table, TERMS_COPY.columns, csv);
  });
}

/** Deletes words whose request does not exist (after unchecked COPYs); returns how many. */
export async function dropOrphanTerms(db: Runner): Promise<number> {
  const rows = await queryRows(
    db,
    z.object({ request_id: col.int }),
    "DELETE FROM request_terms t WHERE NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = t.request_id) RETURNING t.request_id",
  );
  return rows.length;
}

/** Clears the backlog if no request of the dataset lacks its words (one statement: no window for a late row). */
export async function finishSearchBacklog(db: Runner, datasetId: number): Promise<boolean> {
  const rows = await queryRows(
    db,
    z.object({ id: col.int }),
    `UPDATE datasets SET search_backlog = false
     WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.dataset_id = $1 AND ${LACKING}) RETURNING id`,
    [datasetId],
  );
  // Planner statistics for the words (PGlite has no autovacuum; on PostgreSQL this is cheap).
  await execute(db, "ANALYZE request_terms");
  return rows.length > 0;
}

/** Datasets with a backlog and no search job queued or running (an import that died before queueing one). */
export async function datasetsNeedingSearchJob(db: Runner): Promise<number[]> {
  const rows = await queryRows(
    db,
    z.object({ id: col.int }),
    `SELECT d.id FROM datasets d WHERE d.search_backlog AND NOT EXISTS (
       SELECT 1 FROM background_jobs j WHERE j.kind = 'search' AND j.dataset_id = d.id AND j.status IN ('queued', 'running'))`,
  );
  return rows.map((row) => row.id);
}

/** Whether search is served by its index, and how far the build has come (from the live job's progress). */
export async function searchState(db: Runner, datasetId: number): Promise<SearchState> {
  const rows = await queryRows(
    db,
    z.object({ search_backlog: col.bool, done: col.nullableInt, total: col.nullableInt, stage: col.nullableText }),
    `SELECT d.search_backlog, (j.progress->>'done')::int AS done, (j.progress->>'total')::int AS total, j.progress->>'stage' AS stage
     FROM datasets d
     LEFT JOIN LATERAL (SELECT progress FROM background_jobs WHERE kind = 'search' AND dataset_id = d.id ORDER BY id DESC LIMIT 1) j ON true
     WHERE d.id = $1`,
    [datasetId],
  );
  const row = rows[0];
  if (!row || !row.search_backlog) return { isReady: true };
  const done = row.done ?? 0;
  const total = row.total ?? 0;
  return {
    isReady: false,
    stage: row.stage === "words" ? "words" : "indexes",
    done,
    total,
    percent: total > 0 ? Math.floor((done / total) * 100) : 0,
  };
}
