CREATE TABLE "audit_samples" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"method" text NOT NULL,
	"size" integer NOT NULL,
	"seed" integer NOT NULL,
	"items" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"request_id" bigint NOT NULL,
	"image_path" text NOT NULL,
	"role" text NOT NULL,
	"prior" text NOT NULL,
	"attempt" integer,
	"edit_type" text NOT NULL,
	"group_name" text NOT NULL,
	"is_known_type" boolean NOT NULL,
	"is_multi_turn" boolean DEFAULT false NOT NULL,
	"is_in_pair" boolean DEFAULT false NOT NULL,
	"is_identical_text" boolean DEFAULT false NOT NULL,
	"judge_overall" double precision DEFAULT -1 NOT NULL,
	"judge_verdict" text DEFAULT 'none' NOT NULL,
	"human_verdict" text DEFAULT 'none' NOT NULL,
	"effective_verdict" text NOT NULL,
	"review_count" integer DEFAULT 0 NOT NULL,
	"is_disagreement" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base" text,
	"mirrors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"weight_compliance" double precision DEFAULT 0.4 NOT NULL,
	"weight_seamlessness" double precision DEFAULT 0.25 NOT NULL,
	"weight_preservation" double precision DEFAULT 0.2 NOT NULL,
	"weight_quality" double precision DEFAULT 0.15 NOT NULL,
	"threshold" double precision DEFAULT 0.7 NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "datasets_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "facet_counts" (
	"dataset_id" integer NOT NULL,
	"edit_type" text NOT NULL,
	"group_name" text NOT NULL,
	"is_known_type" boolean NOT NULL,
	"effective_verdict" text NOT NULL,
	"judge_verdict" text NOT NULL,
	"human_verdict" text NOT NULL,
	"is_reviewed" boolean NOT NULL,
	"is_disagreement" boolean NOT NULL,
	"is_in_pair" boolean NOT NULL,
	"is_multi_turn" boolean NOT NULL,
	"is_identical_text" boolean NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "facet_counts_dataset_id_edit_type_group_name_is_known_type_effective_verdict_judge_verdict_human_verdict_is_reviewed_is_disagreement_is_in_pair_is_multi_turn_is_identical_text_pk" PRIMARY KEY("dataset_id","edit_type","group_name","is_known_type","effective_verdict","judge_verdict","human_verdict","is_reviewed","is_disagreement","is_in_pair","is_multi_turn","is_identical_text")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"file" text NOT NULL,
	"kind" text,
	"status" text DEFAULT 'running' NOT NULL,
	"is_strict" boolean DEFAULT false NOT NULL,
	"lines_total" integer DEFAULT 0 NOT NULL,
	"lines_imported" integer DEFAULT 0 NOT NULL,
	"lines_unchanged" integer DEFAULT 0 NOT NULL,
	"lines_bad" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "judge_job_items" (
	"job_id" integer NOT NULL,
	"candidate_id" bigint NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"provider" text NOT NULL,
	"model" text,
	"judge_id" text NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "judgements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"candidate_id" bigint NOT NULL,
	"judge_id" text NOT NULL,
	"instruction_compliance" double precision,
	"seamlessness" double precision,
	"preservation_balance" double precision,
	"technical_quality" double precision,
	"reported_overall" double precision,
	"rationale" text,
	"raw" text,
	"error" text,
	"input_tokens" integer,
	"output_tokens" integer,
	"cost_usd" double precision,
	"job_id" integer,
	"import_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "manifest_rows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"kind" text NOT NULL,
	"line_hash" bigint NOT NULL,
	"key_image" text,
	"raw" text,
	"rebuild" text,
	"source_file" text NOT NULL,
	"line_no" integer NOT NULL,
	"import_run_id" integer,
	"request_id" bigint,
	"session_id" bigint
);
--> statement-breakpoint
CREATE TABLE "pair_labels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pair_id" bigint NOT NULL,
	"reviewer_id" integer NOT NULL,
	"label" text NOT NULL,
	"left_candidate_id" bigint NOT NULL,
	"is_repeat" boolean DEFAULT false NOT NULL,
	"undo_of" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"request_id" bigint NOT NULL,
	"candidate_a" bigint NOT NULL,
	"candidate_b" bigint NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"source_image" text NOT NULL,
	"local_source_image" text,
	"text" text NOT NULL,
	"summarized_text" text NOT NULL,
	"edit_type" text NOT NULL,
	"session_id" bigint,
	"turn" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviewers" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviewers_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"candidate_id" bigint NOT NULL,
	"reviewer_id" integer NOT NULL,
	"verdict" text NOT NULL,
	"instruction_compliance" double precision,
	"seamlessness" double precision,
	"preservation_balance" double precision,
	"technical_quality" double precision,
	"reason_tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"judge_verdict_then" text,
	"sample_id" integer,
	"sample_probability" double precision,
	"source" text DEFAULT 'ui' NOT NULL,
	"import_key" text,
	"undo_of" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"manifest_row_id" bigint,
	"original_url" text NOT NULL,
	"turn_count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manifest_rows" ADD CONSTRAINT "manifest_rows_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requests" ADD CONSTRAINT "requests_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidates_request" ON "candidates" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "candidates_dataset_image" ON "candidates" USING btree ("dataset_id","image_path");--> statement-breakpoint
CREATE INDEX "candidates_browse_type_score" ON "candidates" USING btree ("dataset_id","edit_type","judge_overall","id");--> statement-breakpoint
CREATE INDEX "candidates_browse_verdict_score" ON "candidates" USING btree ("dataset_id","effective_verdict","judge_overall","id");--> statement-breakpoint
CREATE INDEX "candidates_browse_score" ON "candidates" USING btree ("dataset_id","judge_overall","id");--> statement-breakpoint
CREATE INDEX "candidates_browse_id" ON "candidates" USING btree ("dataset_id","id");--> statement-breakpoint
CREATE INDEX "candidates_browse_type_id" ON "candidates" USING btree ("dataset_id","edit_type","id");--> statement-breakpoint
CREATE UNIQUE INDEX "judge_job_items_pk" ON "judge_job_items" USING btree ("job_id","candidate_id");--> statement-breakpoint
CREATE INDEX "judge_job_items_status" ON "judge_job_items" USING btree ("job_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "judgements_import_key" ON "judgements" USING btree ("candidate_id","import_key");--> statement-breakpoint
CREATE INDEX "judgements_candidate" ON "judgements" USING btree ("candidate_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "judgements_job_candidate" ON "judgements" USING btree ("job_id","candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "manifest_rows_dataset_hash" ON "manifest_rows" USING btree ("dataset_id","kind","line_hash");--> statement-breakpoint
CREATE INDEX "manifest_rows_dataset_kind_id" ON "manifest_rows" USING btree ("dataset_id","kind","id");--> statement-breakpoint
CREATE INDEX "manifest_rows_dataset_key" ON "manifest_rows" USING btree ("dataset_id","key_image");--> statement-breakpoint
CREATE INDEX "manifest_rows_request" ON "manifest_rows" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "manifest_rows_session" ON "manifest_rows" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "pair_labels_pair" ON "pair_labels" USING btree ("pair_id","id");--> statement-breakpoint
CREATE INDEX "pair_labels_undo_of" ON "pair_labels" USING btree ("undo_of");--> statement-breakpoint
CREATE UNIQUE INDEX "pairs_unique" ON "pairs" USING btree ("candidate_a","candidate_b");--> statement-breakpoint
CREATE INDEX "pairs_dataset" ON "pairs" USING btree ("dataset_id","id");--> statement-breakpoint
CREATE INDEX "pairs_request" ON "pairs" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "requests_dataset_source" ON "requests" USING btree ("dataset_id","source_image");--> statement-breakpoint
CREATE INDEX "requests_session" ON "requests" USING btree ("session_id","turn");--> statement-breakpoint
CREATE INDEX "requests_search_trgm" ON "requests" USING gin (lower("text" || ' ' || "summarized_text") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "reviews_candidate" ON "reviews" USING btree ("candidate_id","id");--> statement-breakpoint
CREATE INDEX "reviews_reviewer" ON "reviews" USING btree ("reviewer_id","id");--> statement-breakpoint
CREATE INDEX "reviews_undo_of" ON "reviews" USING btree ("undo_of");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_import_key" ON "reviews" USING btree ("candidate_id","import_key");--> statement-breakpoint
CREATE INDEX "sessions_dataset" ON "sessions" USING btree ("dataset_id","id");