// Text search: each request's words (lib/search/terms.ts) as a tsvector behind a GIN index. A
// table of its own, so a bulk import can leave it for later: the rows are browsable as soon as
// they and the browse indexes are in, and a background job (lib/jobs/search-job.ts) fills this
// table in short chunks while the app serves pages. Requests without a row here are found by a
// slower substring scan meanwhile (datasets.search_backlog says whether any may exist).
import { bigint, customType, index, pgTable } from "drizzle-orm/pg-core";
import { requests } from "./schema";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const requestTerms = pgTable(
  "request_terms",
  {
    requestId: bigint("request_id", { mode: "number" })
      .primaryKey()
      .references(() => requests.id, { onDelete: "cascade" }),
    terms: tsvector("terms").notNull(),
  },
  // fastupdate: inserts append to the index's pending list, merged in bulk (cheap per chunk).
  (table) => [index("request_terms_gin").using("gin", table.terms).with({ fastupdate: true, gin_pending_list_limit: 16384 })],
);

/** Text compared byte by byte, so `LIKE 'prefix%'` is a range of its btree whatever the database's locale. */
const byteText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

/**
 * Every word stored in request_terms (and maybe a few more: a word stays after its requests are
 * gone), so a typed prefix can be turned into the words it stands for (lib/search/terms.ts
 * queryOf). Whoever writes request_terms adds the words first or in the same transaction
 * (lib/db/queries/search-words.ts); a word missing here would hide matches, so tests check that
 * none is after each way of writing them.
 */
export const searchWords = pgTable("search_words", {
  word: byteText("word").primaryKey(),
});
