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
