import "server-only";
// A text-search page served by the words index, in two steps (see wordsPage): the plan that suits
// a frequent word walks the page order, the one that suits a rare word starts from its matches.
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne, queryRows } from "../rows";
import type { Cursor, SqlParts } from "./browse-sql";
import { PAGE_COLUMNS, pageRow, type PageRow } from "./browse-page-row";
import { matchingRequests, wordsProbe } from "./search-clause";
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
  const [row] = await db.query(`EXPLAIN (FORMAT JSON) ${matchingRequests("$1")}`, [query]);
  const cell = Object.values(row ?? {})[0];
  const plan = planRows.safeParse(typeof cell === "string" ? JSON.parse(cell) : cell);
  return plan.success ? plan.data[0].Plan["Plan Rows"] / wordRows : 1;
}

/**
 * walk: candidates walked in page order; cap: the most matches the matches-first plan takes on
 * (beyond it the word is frequent enough for the walk to fill a page).
 */
type WordsPlan = { walk: number; cap: number; isMatchesFirst: boolean };

/** Tests: a plan forced on a words page (a walk of `walk`; with `cap`, at most `cap` matches first). */
export type SearchPlan = { walk: number; cap?: number };

/**
 * Plans chosen lately, by database, dataset, page size and query: the next page of a search, or
 * the same search again, skips the walk size and the estimate. Only a plan choice is
 * kept, never a result: both plans return the same rows (a walk that does not fill its page turns
 * to the matches), so an entry gone stale (the dataset grew, the statistics changed) can cost
 * time for its 30 seconds, never give wrong rows.
 */
const plans = createLruCache<string, WordsPlan>({ size: 500, ttlMs: 30_000 });

/** Tests: forget the plans chosen so far (to see the look-ups of a first search). */
export function forgetSearchPlans(): void {
  plans.clear();
}

async function choosePlan(db: DbHandle, datasetId: number, query: unknown, limit: number) {
  const key = JSON.stringify([db.describe, datasetId, limit, query]);
  const remember = (plan: WordsPlan) => (plans.set(key, plan), plan);
  const known = plans.get(key);
  if (known) return { plan: known, remember };
  const size = await wordsWalk(db, datasetId, limit);
  // Expected matches within the walk (no longer than the dataset): a page or more says the walk
  // fills it (the estimate for a prefix tends low, so lean to the walk).
  const isFrequent = (await wordsShare(db, query, size.wordRows)) * Math.min(size.walk, size.items) >= limit;
  // A word with fewer matches than N·limit/walk is not expected to fill a page within the walk, so
  // walking it would be wasted before its matches are taken anyway; below a quarter of the walk
  // its matches are cheaper than the walk in any case (a match costs about six walked candidates:
  // two random reads against one probe; 46 against 8 µs measured at 1.6M on PostgreSQL).
  const cap = Math.round(Math.max(size.walk / 4, (size.items * limit) / size.walk, limit));
  return { plan: remember({ walk: size.walk, cap, isMatchesFirst: !isFrequent }), remember };
}

/**
 * A text-search page, by one of two plans, because no single plan suits every word. A frequent
 * word fills its page within the first few candidates in page order: walk the first `walk` of
 * them and keep those whose words match. A rare word would walk far for its page: take its matches
 * from the words index and sort just those. Which one a word is comes from the planner's estimate
 * (planning only). The matches-first statement takes at most `cap` matches and says how many it
 * found, and sorts them only if that is all of them: an estimate that called a frequent word rare
 * costs those reads and then the walk, never a sort of a frequent word's matches. (It used to
 * count the matches first, in a statement of its own that read them all twice.) A walk that does
 * not fill the page turns to all the matches.
 * `forced` (tests) sets the plan and saves reading the dataset's size.
 * The choice is remembered for a few seconds (choosePlan).
 */
export async function wordsPage(
  db: DbHandle,
  datasetId: number,
  parts: Pick<SqlParts, "where" | "params"> & { words: NonNullable<SqlParts["words"]> },
  order: { orderBy: string; value: (row: PageRow) => Cursor },
  limit: number,
  forced?: SearchPlan,
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
  // The word's matches (CTE m) joined to their candidates that pass the rest of the filters, as
  // sort keys only: with no filter beyond the dataset the join reads just candidates_request (an
  // index-only scan), not a random page of the table per match. The page's rows are read after,
  // for its `limit` ids (pageOf).
  const matchedKeys = `m CROSS JOIN LATERAL (SELECT c.id, c.judge_overall, c.edit_type FROM candidates c WHERE c.request_id = m.request_id AND ${rest}) c`;
  const pageOf = (top: string) => `SELECT ${PAGE_COLUMNS}, row_number() OVER (ORDER BY ${order.orderBy}) AS page_order
    FROM ${top} JOIN candidates c ON c.id = ${top}.id`;
  const matchesFirst = async () =>
    queryRows(
      db,
      pageRow,
      // MATERIALIZED: otherwise the planner may flatten this back into a walk of the whole page
      // order probing each candidate's words (1 s for a word in 0.1% of 1.6M rows).
      `WITH m AS MATERIALIZED (${matchingRequests(parts.words.param)}),
       top AS MATERIALIZED (SELECT c.id FROM ${matchedKeys} ORDER BY ${order.orderBy} LIMIT ${limit})
       SELECT * FROM (${pageOf("top")}) page ORDER BY page.page_order`,
      parts.params,
    );
  // At most `cap` matches, and how many there were; sorted into the page only if that was all.
  const cappedMatches = async (cap: number) => {
    const found = await db.query(
      `WITH m AS MATERIALIZED (${matchingRequests(parts.words.param)} LIMIT ${cap + 1}),
       total AS MATERIALIZED (SELECT count(*)::int AS matches FROM m),
       top AS MATERIALIZED (SELECT c.id FROM ${matchedKeys}
         WHERE (SELECT matches FROM total) <= ${cap} ORDER BY ${order.orderBy} LIMIT ${limit})
       SELECT total.matches, page.* FROM total LEFT JOIN LATERAL (${pageOf("top")}) page ON true
       ORDER BY page.page_order`,
      parts.params,
    );
    const matches = Number((found[0] as { matches?: unknown } | undefined)?.matches ?? 0);
    const page = z.array(pageRow).parse(found.filter((row) => (row as { page_order: unknown }).page_order !== null));
    return matches <= cap ? page : null;
  };
  const { plan, remember } = forced
    ? { plan: { walk: forced.walk, cap: forced.cap ?? 0, isMatchesFirst: forced.cap !== undefined }, remember: () => {} }
    : await choosePlan(db, datasetId, query, limit);
  let rows = plan.isMatchesFirst ? await cappedMatches(plan.cap) : null;
  if (!rows) {
    // Frequent after all (or known to be): walk; the next page of this search walks at once.
    if (plan.isMatchesFirst) remember({ ...plan, isMatchesFirst: false });
    rows = await walkFirst(plan.walk);
    if (rows.length < limit) rows = await matchesFirst();
  }
  const last = rows.at(-1);
  return { rows, next: last ? order.value(last) : null };
}
