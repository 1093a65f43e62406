// Judge runs (lib/judge): a job, the batches it sent (Gemini batch mode) and its items, each
// claimed by one run so a result is stored once. Re-exported by schema.ts so drizzle-kit sees them.
import { sql } from "drizzle-orm";
import { bigint, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const judgeJobs = pgTable("judge_jobs", {
  id: serial("id").primaryKey(),
  datasetId: integer("dataset_id").notNull(),
  provider: text("provider").notNull(),
  model: text("model"),
  judgeId: text("judge_id").notNull(),
  filter: jsonb("filter")
    .$type<Record<string, unknown>>()
    .notNull()
    .default(sql`'{}'::jsonb`),
  status: text("status").notNull().default("queued"),
  total: integer("total").notNull().default(0),
  done: integer("done").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  inputTokens: integer("input_tokens").notNull().default(0),
  outputTokens: integer("output_tokens").notNull().default(0),
  costUsd: doublePrecision("cost_usd").notNull().default(0),
  /** What the same tokens cost at the interactive price: cost_usd is lower for batch runs, the difference is the saving. */
  standardCostUsd: doublePrecision("standard_cost_usd").notNull().default(0),
  /** "interactive" (one API call per item) or "batch" (the Gemini Batch API at the batch price). */
  mode: text("mode").notNull().default("interactive"),
  /** Batch runs: what the runner is doing and how many of the job's Gemini batches are in each state (lib/judge/batch-runner.ts). */
  batchStatus: jsonb("batch_status").$type<{ phase: string; batches: Record<string, number>; itemsInBatches: number }>(),
  error: text("error"),
  createdAt: createdAt(),
  finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
});

/**
 * One Gemini batch of a batch-mode judge job. Its remote name is stored the moment Gemini accepts
 * it, so a restarted runner polls it instead of submitting again; its items point at it.
 */
export const judgeBatches = pgTable(
  "judge_batches",
  {
    id: serial("id").primaryKey(),
    jobId: integer("job_id").notNull(),
    /** Gemini's resource name ("batches/…"); null while the batch is being built and uploaded. */
    name: text("name"),
    /** The uploaded JSONL of requests ("files/…") and the JSONL of results. */
    inputFile: text("input_file"),
    resultFile: text("result_file"),
    /** building, submitted, running, cancelling, collecting, collected. */
    state: text("state").notNull().default("building"),
    /** Gemini's last reported state (JOB_STATE_…). */
    remoteState: text("remote_state"),
    itemCount: integer("item_count").notNull().default(0),
    error: text("error"),
    createdAt: createdAt(),
    submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("judge_batches_job").on(table.jobId, table.state)],
);

export const judgeJobItems = pgTable(
  "judge_job_items",
  {
    jobId: integer("job_id").notNull(),
    candidateId: bigint("candidate_id", { mode: "number" }).notNull(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** The judge_batches row while the item waits in a Gemini batch (status "batched"). */
    batchId: integer("batch_id"),
    /** The run token of the runner that claimed it ("running"): only that run may store its result. */
    claimedBy: text("claimed_by"),
  },
  (table) => [
    uniqueIndex("judge_job_items_pk").on(table.jobId, table.candidateId),
    index("judge_job_items_status").on(table.jobId, table.status),
  ],
);

export type JudgeJob = typeof judgeJobs.$inferSelect;
export type JudgeBatch = typeof judgeBatches.$inferSelect;
