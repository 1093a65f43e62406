// Background work that outlives a request (judge runs, imports started from the site, re-deriving
// verdicts after a rubric change) as rows any app instance can lease. DESIGN (lib/jobs/worker.ts):
// an instance claims a queued job, or one whose lease expired, with SELECT … FOR UPDATE SKIP
// LOCKED; it renews `lease_expires_at` from a heartbeat; a new `lease_token` is drawn on every
// claim, and the job's own writes check it, so an instance that lost its lease cannot store
// anything more. Uploads live here too (chunked bytea), so whichever instance runs the import can
// read the file.
import { sql } from "drizzle-orm";
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const BACKGROUND_JOB_KINDS = ["judge", "import", "rubric", "search"] as const;
export type BackgroundJobKind = (typeof BACKGROUND_JOB_KINDS)[number];
/** queued → running (leased) → done | failed | cancelled; a released or expired lease is queued/running again. */
export const BACKGROUND_JOB_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type BackgroundJobStatus = (typeof BACKGROUND_JOB_STATUSES)[number];

export const backgroundJobs = pgTable(
  "background_jobs",
  {
    id: serial("id").primaryKey(),
    kind: text("kind").$type<BackgroundJobKind>().notNull(),
    datasetId: integer("dataset_id"),
    /** What to do, per kind (lib/jobs/kinds.ts parses it). */
    payload: jsonb("payload")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    status: text("status").$type<BackgroundJobStatus>().notNull().default("queued"),
    /** Which instance holds the lease (host:pid:random), for people reading the table. */
    leaseOwner: text("lease_owner"),
    /** Drawn anew on every claim; writes of the job check it (fencing). */
    leaseToken: text("lease_token"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "date" }),
    /** Set by a cancel from any instance; the holder sees it at its next heartbeat. */
    isCancelRequested: boolean("is_cancel_requested").notNull().default(false),
    /** Claims so far (a takeover counts as one). */
    attempts: integer("attempts").notNull().default(0),
    /** What the running instance reports (counts, phase); read by the pages of every instance. */
    progress: jsonb("progress")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    result: jsonb("result").$type<Record<string, unknown>>(),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** When the current (or last) lease was taken. */
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("background_jobs_claim").on(table.status, table.id), index("background_jobs_kind_ref").on(table.kind, table.datasetId)],
);

/** A file uploaded for an import, readable by every instance; deleted when its import ends. */
export const uploads = pgTable("uploads", {
  id: serial("id").primaryKey(),
  fileName: text("file_name").notNull(),
  bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
  isComplete: boolean("is_complete").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const uploadChunks = pgTable(
  "upload_chunks",
  {
    uploadId: integer("upload_id")
      .notNull()
      .references(() => uploads.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (table) => [primaryKey({ columns: [table.uploadId, table.seq] })],
);

export type BackgroundJob = typeof backgroundJobs.$inferSelect;
