CREATE TABLE "request_terms" (
	"request_id" bigint PRIMARY KEY NOT NULL,
	"terms" "tsvector" NOT NULL
);
--> statement-breakpoint
DROP INDEX IF EXISTS "requests_search_trgm";--> statement-breakpoint
ALTER TABLE "datasets" ADD COLUMN "search_backlog" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "request_terms" ADD CONSTRAINT "request_terms_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "request_terms_gin" ON "request_terms" USING gin ("terms") WITH (fastupdate=true,gin_pending_list_limit=16384);--> statement-breakpoint
-- Requests imported before this migration have no search words yet: their datasets' background build fills them (lib/jobs/search-job.ts).
UPDATE "datasets" SET "search_backlog" = true WHERE EXISTS (SELECT 1 FROM "requests" r WHERE r."dataset_id" = "datasets"."id");
