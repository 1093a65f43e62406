import "server-only";
// A text-search page served by the words index, in two steps (see wordsPage): the plan that suits
// a frequent word walks the page order, the one that suits a rare word starts from its matches.
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne, queryRows } from "../rows";
import type { Cursor, SqlParts } from "./browse-sql";
import { PAGE_COLUMNS, pageRow, type PageRow } from "./browse-page-row";
import { wordsProbe } from "./search-clause";
import { createLruCache } from "../../cache/lru-cache";

/**
 * Candidates walked in the page order before a text search turns to its matches instead (see
 * wordsPage). The worst word is one that just fails to fill a page within the walk: it pays for
 * the walk (W probes) and then for its matches (about N·limit/W rows of N, each costing about two
 * probes). W = √(2·N·limit) balances the two: 2,000 at 30K items, 7,000 at 400K, 14,000 at 1.6M.
 * Also returns how many rows the words table has, for wordsShare.
 */
async function wordsWalk(db: DbHandle, datasetId: number, limit: number): Promise<{ walk: number; items: number; wordRows: number }> {
  const { n, word_rows } = await queryOne(
    db,
    z.object({ n: col.int, word_rows: col.number }),
    `SELECT (SELECT coalesce(sum(n), 0) FROM facet_counts WHERE dataset_id = $1) AS n,
            (SELECT reltuples FROM pg_class WHERE oid = 'request_terms'::regclass) AS word_rows`,
    [datasetId],
  );
  return {
    walk: Math.round(Math.min(20_000, Math.max(2000, Math.sqrt(2 * n * limit)))),
    items: n,
    wordRows: Math.max(word_rows, 1),
  };
}

const planRows = z.array(z.object({ Plan: z.object({ "Plan Rows": z.number() }) }));

/**
 * The planner's estimate of the share of requests whose words match (its statistics know the most
 * common words and their frequencies; a word it does not know is taken to be rarer than those).
 * Planning only: nothing is read.
 */
async function wordsShare(db: DbHandle, query: unknown, wordRows: number): Promise<number> {
  const [row] = await db.query("EXPLAIN (FORMAT JSON) SELECT 1 FROM request_terms t WHERE t.terms @@ $1::tsquery", [query]);
  const cell = Object.values(row ?? {})[0];
  const plan = planRows.safeParse(typeof cell === "string" ? JSON.parse(cell) : cell);
  return plan.success ? plan.data[0].Plan["Plan Rows"] / wordRows : 1;
}

/** How many requests match, counting no further than `cap` (a frequent word stops early). */
async function matchesUpTo(db: DbHandle, query: unknown, cap: number): Promise<number> {
  const { n } = await queryOne(
    db,
    z.object({ n: col.int }),
    "SELECT count(*) AS n FROM (SELECT 1 FROM request_terms t WHERE t.terms @@ $1::tsquery LIMIT $2) m",
    [query, cap + 1],
  );
  return n;
}

type WordsPlan = { walk: number; isMatchesFirst: boolean };

/**
 * Plans chosen lately, by database, dataset, page size and query: the next page of a search, or
 * the same search again, skips the walk size, the estimate and the count. Only a plan choice is
 * kept, never a result: both plans return the same rows (a walk that does not fill its page turns
 * to the matches), so an entry gone stale (the dataset grew, the statistics changed) can cost
 * time for its 30 seconds, never give wrong rows.
 */
const plans = createLruCache<string, WordsPlan>({ size: 500, ttlMs: 30_000 });

/** Tests: forget the plans chosen so far (to see the look-ups of a first search). */
export function forgetSearchPlans(): void {
  plans.clear();
}

async function choosePlan(db: DbHandle, datasetId: number, query: unknown, limit: number): Promise<WordsPlan> {
  const key = JSON.stringify([db.describe, datasetId, limit, query]);
  const known = plans.get(key);
  if (known) return known;
  const size = await wordsWalk(db, datasetId, limit);
  // Expected matches within the walk (no longer than the dataset): a page or more says the walk
  // fills it (the estimate for a prefix tends low, so lean to the walk).
  const isFrequent = (await wordsShare(db, query, size.wordRows)) * Math.min(size.walk, size.items) >= limit;
  // Per row, the matches-first page costs about six times a walked candidate (two random reads
  // against one probe; 46 against 8 µs measured at 1.6M on PostgreSQL) and counting a match
  // about as much again, so it wins below about a quarter of the walk's length: √(N·limit/8).
  const cap = Math.round(size.walk / 4);
  const plan = { walk: size.walk, isMatchesFirst: !isFrequent && (await matchesUpTo(db, query, cap)) <= cap };
  plans.set(key, plan);
  return plan;
}

/**
 * A text-search page, by one of two plans, because no single plan suits every word. A frequent
 * word fills its page within the first few candidates in page order: walk the first `walk` of
 * them and keep those whose words match. A rare word would walk far for its page: take its matches
 * from the words index and sort just those. Which one a word is comes from the planner's estimate
 * (planning only), checked before the matches-first plan by counting the matches up to `walk`: an
 * estimate that called a frequent word rare costs that count and then the walk, never a sort of a
 * frequent word's matches. A walk that does not fill the page turns to the matches the same way.
 * `walk` given by the caller (tests) forces walk-first and saves reading the dataset's size.
 * The choice is remembered for a few seconds (choosePlan).
 */
export async function wordsPage(
  db: DbHandle,
  datasetId: number,
  parts: Pick<SqlParts, "where" | "params"> & { words: NonNullable<SqlParts["words"]> },
  order: { orderBy: string; value: (row: PageRow) => Cursor },
  limit: number,
  walk?: number,
) {
  const rest = parts.where.filter((clause) => clause !== parts.words.clause).join(" AND ");
  const query = parts.params[Number(parts.words.param.slice(1)) - 1];
  const walkFirst = async (length: number) =>
    queryRows(
      db,
      pageRow,
      // Each walked candidate probes its own words row (a scalar subquery: see wordsProbe).
      `SELECT ${PAGE_COLUMNS} FROM (SELECT * FROM candidates c WHERE ${rest} ORDER BY ${order.orderBy} LIMIT ${length}) c
       WHERE ${wordsProbe(parts.words.param)}
       ORDER BY ${order.orderBy} LIMIT ${limit}`,
      parts.params,
    );
  const matchesFirst = async () =>
    queryRows(
      db,
      pageRow,
      // MATERIALIZED: otherwise the planner may flatten this back into a walk of the whole page
      // order probing each candidate's words (1 s for a word in 0.1% of 1.6M rows).
      `WITH m AS MATERIALIZED (SELECT t.request_id FROM request_terms t WHERE t.terms @@ ${parts.words.param}::tsquery)
       SELECT ${PAGE_COLUMNS} FROM m CROSS JOIN LATERAL (SELECT * FROM candidates c WHERE c.request_id = m.request_id AND ${rest}) c
       ORDER BY ${order.orderBy} LIMIT ${limit}`,
      parts.params,
    );
  const plan = walk !== undefined ? { walk, isMatchesFirst: false } : await choosePlan(db, datasetId, query, limit);
  let rows: PageRow[];
  if (plan.isMatchesFirst) rows = await matchesFirst();
  else {
    rows = await walkFirst(plan.walk);
    if (rows.length < limit) rows = await matchesFirst();
  }
  const last = rows.at(-1);
  return { rows, next: last ? order.value(last) : null };
}
