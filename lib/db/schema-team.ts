// Team work (issue 10 §4–§6): assignments with overlap, adjudications and gold items. Identity is
// the reviewers row, like every decision. Re-exported by schema.ts so drizzle-kit sees the tables.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import type { AdjudicationVerdict, AssignmentSource } from "../team/enums";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/** A piece of review work: a filter or an audit sample handed to reviewers with overlap k. */
export const assignments = pgTable(
  "assignments",
  {
    id: serial("id").primaryKey(),
    datasetId: integer("dataset_id").notNull(),
    title: text("title").notNull(),
    source: text("source").$type<AssignmentSource>().notNull(),
    /** The browse filters it was made from (source "filter"). */
    filter: jsonb("filter")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** The audit sample it was made from (source "sample"): decisions carry its inclusion probabilities. */
    sampleId: integer("sample_id"),
    overlap: integer("overlap").notNull(),
    seed: integer("seed").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true, mode: "date" }),
    createdBy: integer("created_by").notNull(),
    createdAt: createdAt(),
  },
  (table) => [index("assignments_dataset").on(table.datasetId, table.id)],
);

/**
 * One item of an assignment given to one reviewer. Reassigning moves the row to another reviewer
 * and remembers whom it came from; (assignment, candidate, reviewer) is unique, so an item's k
 * reviewers stay distinct.
 */
export const assignmentItems = pgTable(
  "assignment_items",
  {
    assignmentId: integer("assignment_id").notNull(),
    candidateId: bigint("candidate_id", { mode: "number" }).notNull(),
    reviewerId: integer("reviewer_id").notNull(),
    /** Walk order within the reviewer's share. */
    position: integer("position").notNull(),
    reassignedFrom: integer("reassigned_from"),
  },
  (table) => [
    primaryKey({ columns: [table.assignmentId, table.candidateId, table.reviewerId] }),
    index("assignment_items_reviewer").on(table.reviewerId, table.assignmentId, table.position),
    index("assignment_items_candidate").on(table.candidateId),
  ],
);

/** An admin's ruling on an item reviewers disagree on. Append-only; the latest one counts. */
export const adjudications = pgTable(
  "adjudications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    datasetId: integer("dataset_id").notNull(),
    candidateId: bigint("candidate_id", { mode: "number" }).notNull(),
    adjudicatorId: integer("adjudicator_id").notNull(),
    verdict: text("verdict").$type<AdjudicationVerdict>().notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (table) => [
    index("adjudications_candidate").on(table.candidateId, table.id),
    index("adjudications_dataset").on(table.datasetId, table.id),
  ],
);

/** Items with a known verdict, mixed unannounced into reviewers' queues to measure accuracy. */
export const goldItems = pgTable(
  "gold_items",
  {
    datasetId: integer("dataset_id").notNull(),
    candidateId: bigint("candidate_id", { mode: "number" }).notNull(),
    verdict: text("verdict").$type<AdjudicationVerdict>().notNull(),
    markedBy: integer("marked_by").notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.datasetId, table.candidateId] })],
);

/** Per-dataset team settings (kept apart from datasets so the rubric columns stay the rubric). */
export const teamSettings = pgTable("team_settings", {
  datasetId: integer("dataset_id").primaryKey(),
  /** Share of a reviewer's assigned walk made of gold items, 0–0.5. */
  goldRate: doublePrecision("gold_rate").notNull().default(0.05),
});

export type Assignment = typeof assignments.$inferSelect;
export type AssignmentItem = typeof assignmentItems.$inferSelect;
export type Adjudication = typeof adjudications.$inferSelect;
export type GoldItem = typeof goldItems.$inferSelect;
