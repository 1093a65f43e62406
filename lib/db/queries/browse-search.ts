import "server-only";
// A text-search page served by the words index, in two steps (see wordsPage): the plan that suits
// a frequent word walks the page order, the one that suits a rare word starts from its matches.
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne, queryRows } from "../rows";
import type { Cursor, SqlParts } from "./browse-sql";
import { PAGE_COLUMNS, pageRow, type PageRow } from "./browse-page-row";

/**
 * Candidates walked in the page order before a text search turns to its matches instead (see
 * wordsPage). The worst word is one that just fails to fill a page within the walk: it pays for
 * the walk (W probes) and then for its matches (about N·limit/W rows of N, each costing about two
 * probes). W = √(2·N·limit) balances the two: 2,000 at 30K items, 7,000 at 400K, 14,000 at 1.6M.
 */
async function wordsWalk(db: DbHandle, datasetId: number, limit: number): Promise<number> {
  const { n } = await queryOne(db, z.object({ n: col.int }), "SELECT coalesce(sum(n), 0) AS n FROM facet_counts WHERE dataset_id = $1", [
    datasetId,
  ]);
  return Math.round(Math.min(20_000, Math.max(2000, Math.sqrt(2 * n * limit))));
}

/**
 * A text-search page in two steps, because no single plan suits every word and the planner cannot
 * tell them apart (its estimate for a word prefix is a guess). First walk the first `walk`
 * candidates in the page order and keep those whose words match: a frequent word fills the page
 * there at once. Fewer matches than a page means the word is rare (under limit/walk of the rows),
 * so take its matches from the words index and sort just those. `walk` given by the caller (tests)
 * saves reading the dataset's size for it.
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
  const walked = walk ?? (await wordsWalk(db, datasetId, limit));
  let rows = await queryRows(
    db,
    pageRow,
    `SELECT ${PAGE_COLUMNS} FROM (SELECT * FROM candidates c WHERE ${rest} ORDER BY ${order.orderBy} LIMIT ${walked}) c
     WHERE ${parts.words.clause} ORDER BY ${order.orderBy} LIMIT ${limit}`,
    parts.params,
  );
  if (rows.length < limit)
    rows = await queryRows(
      db,
      pageRow,
      `SELECT ${PAGE_COLUMNS} FROM (SELECT t.request_id FROM request_terms t WHERE t.terms @@ ${parts.words.param}::tsquery) m
       CROSS JOIN LATERAL (SELECT * FROM candidates c WHERE c.request_id = m.request_id AND ${rest}) c
       ORDER BY ${order.orderBy} LIMIT ${limit}`,
      parts.params,
    );
  const last = rows.at(-1);
  return { rows, next: last ? order.value(last) : null };
}
