CREATE TABLE "search_words" (
	"word" text COLLATE "C" PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "candidates_request";--> statement-breakpoint
CREATE INDEX "candidates_request" ON "candidates" USING btree ("request_id","dataset_id","judge_overall","id","edit_type");--> statement-breakpoint
-- The words already stored, for the requests imported before this migration (lib/db/schema-search.ts).
INSERT INTO "search_words" ("word") SELECT DISTINCT w.word FROM "request_terms" t, unnest(tsvector_to_array(t."terms")) AS w(word) ON CONFLICT DO NOTHING;
