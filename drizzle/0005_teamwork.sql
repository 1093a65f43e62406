CREATE TABLE "adjudications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"candidate_id" bigint NOT NULL,
	"adjudicator_id" integer NOT NULL,
	"verdict" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignment_items" (
	"assignment_id" integer NOT NULL,
	"candidate_id" bigint NOT NULL,
	"reviewer_id" integer NOT NULL,
	"position" integer NOT NULL,
	"reassigned_from" integer,
	CONSTRAINT "assignment_items_assignment_id_candidate_id_reviewer_id_pk" PRIMARY KEY("assignment_id","candidate_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset_id" integer NOT NULL,
	"title" text NOT NULL,
	"source" text NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sample_id" integer,
	"overlap" integer NOT NULL,
	"seed" integer NOT NULL,
	"due_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gold_items" (
	"dataset_id" integer NOT NULL,
	"candidate_id" bigint NOT NULL,
	"verdict" text NOT NULL,
	"marked_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gold_items_dataset_id_candidate_id_pk" PRIMARY KEY("dataset_id","candidate_id")
);
--> statement-breakpoint
CREATE TABLE "team_settings" (
	"dataset_id" integer PRIMARY KEY NOT NULL,
	"gold_rate" double precision DEFAULT 0.05 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "adjudications_candidate" ON "adjudications" USING btree ("candidate_id","id");--> statement-breakpoint
CREATE INDEX "adjudications_dataset" ON "adjudications" USING btree ("dataset_id","id");--> statement-breakpoint
CREATE INDEX "assignment_items_reviewer" ON "assignment_items" USING btree ("reviewer_id","assignment_id","position");--> statement-breakpoint
CREATE INDEX "assignment_items_candidate" ON "assignment_items" USING btree ("candidate_id");--> statement-breakpoint
CREATE INDEX "assignments_dataset" ON "assignments" USING btree ("dataset_id","id");