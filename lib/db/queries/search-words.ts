import "server-only";
// The words list (search_words, lib/db/schema-search.ts): added to by whoever writes search words,
// read to turn a typed prefix into the words it stands for (lib/search/terms.ts queryOf).
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";
import type { Expansion } from "../../search/terms";
import { escapeLike } from "./search-clause";

/** A prefix that stands for more stored words than this stays a prefix (the index gathers them itself). */
export const MAX_EXPANSION = 32;

/** Adds these words to the list (those there already are skipped). Run before, or in the transaction of, the words rows that use them. */
export async function addSearchWords(db: Pick<SqlRunner, "query">, words: Iterable<string>): Promise<void> {
  const distinct = [...new Set(words)];
  for (let start = 0; start < distinct.length; start += 10_000)
    await db.query("INSERT INTO search_words (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING", [
      distinct.slice(start, start + 10_000),
    ]);
}

/** For each typed word, the stored words that start with it (one statement), or null when there are more than MAX_EXPANSION. */
export async function expandTyped(db: Pick<SqlRunner, "query">, typed: string[]): Promise<Expansion> {
  if (typed.length === 0) return new Map();
  const rows = await queryRows(
    db,
    z.object({ typed: col.text, words: z.array(z.string()) }),
    // The range makes each look-up a scan of the index from the typed word on (a LIKE pattern from
    // a column is not turned into one); chr(1114111) sorts after any letter that may follow it.
    `SELECT p.typed, array(
       SELECT s.word FROM search_words s
       WHERE s.word >= p.typed AND s.word < p.typed || chr(1114111) AND s.word LIKE p.pattern
       ORDER BY s.word LIMIT ${MAX_EXPANSION + 1}) AS words
     FROM unnest($1::text[], $2::text[]) AS p(typed, pattern)`,
    [typed, typed.map((word) => `${escapeLike(word)}%`)],
  );
  return new Map(rows.map((row) => [row.typed, row.words.length > MAX_EXPANSION ? null : row.words]));
}

/** Tests: how many distinct words request_terms stores that the list lacks (must be 0). */
export async function countMissingSearchWords(db: Pick<SqlRunner, "query">): Promise<number> {
  const row = await queryOne(
    db,
    z.object({ n: col.int }),
    `SELECT count(*) AS n FROM (SELECT DISTINCT w.word FROM request_terms t, unnest(tsvector_to_array(t.terms)) AS w(word)) used
     WHERE NOT EXISTS (SELECT 1 FROM search_words s WHERE s.word = used.word)`,
  );
  return row.n;
}
