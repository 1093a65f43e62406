CREATE TABLE "judge_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"job_id" integer NOT NULL,
	"name" text,
	"input_file" text,
	"result_file" text,
	"state" text DEFAULT 'building' NOT NULL,
	"remote_state" text,
	"item_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "judge_job_items" ADD COLUMN "batch_id" integer;--> statement-breakpoint
ALTER TABLE "judge_jobs" ADD COLUMN "standard_cost_usd" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "judge_jobs" ADD COLUMN "mode" text DEFAULT 'interactive' NOT NULL;--> statement-breakpoint
ALTER TABLE "judge_jobs" ADD COLUMN "batch_status" jsonb;--> statement-breakpoint
CREATE INDEX "judge_batches_job" ON "judge_batches" USING btree ("job_id","state");