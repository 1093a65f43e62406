// One drizzle pg-core schema for both PGlite and a PostgreSQL server (DESIGN.md §2).
// Candidates carry denormalised browse state (edit type, judge overall/verdict, human verdict,
// effective verdict, flags) so a filtered page at 400K rows is a keyset scan over one index.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// The enumerations live with their domain, drizzle-free, so client components and zod schemas
// import them without pulling drizzle into the browser bundle; re-exported for the queries.
import { CANDIDATE_ROLES, MANIFEST_KINDS, type CandidateRole, type ManifestKind } from "../manifest/enums";
import { PAIR_LABELS, PAIR_ORIGINS, type PairLabel, type PairOrigin } from "../pairs/enums";
import { REASON_TAGS, VERDICTS, type ReasonTag, type Verdict } from "../review/enums";
import { OUTCOMES, type Outcome } from "../verdict/outcomes";
import { DATASET_ROLES, type DatasetRole } from "../auth/roles";
import { authUsers } from "./auth-schema";

export * from "./auth-schema";

export { CANDIDATE_ROLES, MANIFEST_KINDS, OUTCOMES, PAIR_LABELS, PAIR_ORIGINS, REASON_TAGS, VERDICTS };
export type { CandidateRole, ManifestKind, Outcome, PairLabel, PairOrigin, ReasonTag, Verdict };

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const datasets = pgTable("datasets", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  base: text("base"),
  /** Local mirror folders searched before the base, in order. */
  mirrors: jsonb("mirrors")
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  weightCompliance: doublePrecision("weight_compliance").notNull().default(0.4),
  weightSeamlessness: doublePrecision("weight_seamlessness").notNull().default(0.25),
  weightPreservation: doublePrecision("weight_preservation").notNull().default(0.2),
  weightQuality: doublePrecision("weight_quality").notNull().default(0.15),
  threshold: doublePrecision("threshold").notNull().default(0.7),
  isDemo: boolean("is_demo").notNull().default(false),
  /** Some requests may still lack their search words (a bulk import's background build is not done). */
  searchBacklog: boolean("search_backlog").notNull().default(false),
  createdAt: createdAt(),
});

/**
 * Who decided: an account's reviewer (user_id set, created on its first need) or an external
 * reviewer named by imported decision lines (user_id null).
 */
export const reviewers = pgTable("reviewers", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  userId: text("user_id")
    .unique()
    .references(() => authUsers.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

/** An account's role on one dataset (site owners and admins need no row: they own every dataset). */
export const datasetMembers = pgTable(
  "dataset_members",
  {
    datasetId: integer("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    role: text("role", { enum: DATASET_ROLES }).$type<DatasetRole>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.datasetId, table.userId] }), index("dataset_members_user").on(table.userId)],
);

export const importRuns = pgTable("import_runs", {
  id: serial("id").primaryKey(),
  datasetId: integer("dataset_id")
    .notNull()
    .references(() => datasets.id, { onDelete: "cascade" }),
  file: text("file").notNull(),
  kind: text("kind"),
  status: text("status").notNull().default("running"),
  isStrict: boolean("is_strict").notNull().default(false),
  linesTotal: integer("lines_total").notNull().default(0),
  linesImported: integer("lines_imported").notNull().default(0),
  linesUnchanged: integer("lines_unchanged").notNull().default(0),
  linesBad: integer("lines_bad").notNull().default(0),
  /** First errors, `FILE:LINE: field: problem`, capped so a bad file cannot bloat the row. */
  errors: jsonb("errors")
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  warnings: jsonb("warnings")
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
});

/** Each imported manifest line, verbatim, so unchanged rows export byte for byte. */
export const manifestRows = pgTable(
  "manifest_rows",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    datasetId: integer("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    kind: text("kind").$type<ManifestKind>().notNull(),
    /** First 64 bits of the line's sha256 (after BOM/CR stripping): re-importing a line changes nothing. */
    lineHash: bigint("line_hash", { mode: "bigint" }).notNull(),
    /** The output_image (SFT, preference) or final image (multi-turn): the row's key for export. */
    keyImage: text("key_image"),
    /** The line as read; NULL when `rebuild` says it is exactly re-creatable from its request. */
    raw: text("raw"),
    /**
     * "ascii" / "utf8": an SFT line with exactly the official keys that json.dumps (with or
     * without ensure_ascii) re-creates byte for byte from its request, so it is not stored twice.
     */
    rebuild: text("rebuild").$type<"ascii" | "utf8">(),
    sourceFile: text("source_file").notNull(),
    lineNo: integer("line_no").notNull(),
    importRunId: integer("import_run_id"),
    /** SFT and preference rows: the request they describe. Multi-turn rows: the session. */
    requestId: bigint("request_id", { mode: "number" }),
    sessionId: bigint("session_id", { mode: "number" }),
  },
  (table) => [
    uniqueIndex("manifest_rows_dataset_hash").on(table.datasetId, table.kind, table.lineHash),
    index("manifest_rows_dataset_kind_id").on(table.datasetId, table.kind, table.id),
    index("manifest_rows_dataset_key").on(table.datasetId, table.keyImage),
    index("manifest_rows_request").on(table.requestId),
    index("manifest_rows_session").on(table.sessionId),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    datasetId: integer("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    manifestRowId: bigint("manifest_row_id", { mode: "number" }),
    originalUrl: text("original_url").notNull(),
    turnCount: integer("turn_count").notNull(),
  },
  (table) => [index("sessions_dataset").on(table.datasetId, table.id)],
);

export const requests = pgTable(
  "requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    datasetId: integer("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    /** Absolute URL or a path resolved against the dataset base (multi-turn turn k: turn k-1's output). */
    sourceImage: text("source_image").notNull(),
    localSourceImage: text("local_source_image"),
    text: text("text").notNull(),
    summarizedText: text("summarized_text").notNull(),
    /** As read (NFC-normalised); unknown types are kept. */
    editType: text("edit_type").notNull(),
    sessionId: bigint("session_id", { mode: "number" }),
    turn: integer("turn"),
    createdAt: createdAt(),
  },
  (table) => [
    index("requests_dataset_source").on(table.datasetId, table.sourceImage),
    index("requests_session").on(table.sessionId, table.turn),
  ],
);

export const candidates = pgTable(
  "candidates",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    datasetId: integer("dataset_id")
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    requestId: bigint("request_id", { mode: "number" }).notNull(),
    imagePath: text("image_path").notNull(),
    role: text("role").$type<CandidateRole>().notNull(),
    /** Verdict implied by the manifest: SFT output = pass, rejected attempt = fail. */
    prior: text("prior").$type<"pass" | "fail" | "none">().notNull(),
    attempt: integer("attempt"),
    // Denormalised browse state, kept current by lib/db/queries on every judgement/review.
    editType: text("edit_type").notNull(),
    groupName: text("group_name").notNull(),
    isKnownType: boolean("is_known_type").notNull(),
    isMultiTurn: boolean("is_multi_turn").notNull().default(false),
    isInPair: boolean("is_in_pair").notNull().default(false),
    isIdenticalText: boolean("is_identical_text").notNull().default(false),
    /** Weighted overall of the latest judgement under the dataset's weights; -1 when unjudged (keeps keyset indexes NULL-free). */
    judgeOverall: doublePrecision("judge_overall").notNull().default(-1),
    judgeVerdict: text("judge_verdict").$type<Outcome>().notNull().default("none"),
    humanVerdict: text("human_verdict").$type<Outcome>().notNull().default("none"),
    effectiveVerdict: text("effective_verdict").$type<Outcome>().notNull(),
    reviewCount: integer("review_count").notNull().default(0),
    isDisagreement: boolean("is_disagreement").notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [
    // Keyed by request, then what a text search's matches sort and filter by: their join to the
    // candidates reads only this index (browse-search.ts), not a random page of the table each.
    index("candidates_request").on(table.requestId, table.datasetId, table.judgeOverall, table.id, table.editType),
    index("candidates_dataset_image").on(table.datasetId, table.imagePath),
    index("candidates_browse_type_score").on(table.datasetId, table.editType, table.judgeOverall, table.id),
    index("candidates_browse_verdict_score").on(table.datasetId, table.effectiveVerdict, table.judgeOverall, table.id),
    index("candidates_browse_score").on(table.datasetId, table.judgeOverall, table.id),
    index("candidates_browse_id").on(table.datasetId, table.id),
    index("candidates_browse_type_id").on(table.datasetId, table.editType, table.id),
  ],
);

/**
 * Candidate counts per combination of the low-cardinality browse dimensions, kept current by
 * statement-level triggers on candidates (drizzle/0001_facet_triggers.sql). The sidebar's facet
 * counts and the matching count read a few hundred rows here instead of scanning 400K candidates.
 */
export const facetCounts = pgTable(
  "facet_counts",
  {
    datasetId: integer("dataset_id").notNull(),
    editType: text("edit_type").notNull(),
    groupName: text("group_name").notNull(),
    isKnownType: boolean("is_known_type").notNull(),
    effectiveVerdict: text("effective_verdict").notNull(),
    judgeVerdict: text("judge_verdict").notNull(),
    humanVerdict: text("human_verdict").notNull(),
    isReviewed: boolean("is_reviewed").notNull(),
    isDisagreement: boolean("is_disagreement").notNull(),
    isInPair: boolean("is_in_pair").notNull(),
    isMultiTurn: boolean("is_multi_turn").notNull(),
    isIdenticalText: boolean("is_identical_text").notNull(),
    count: bigint("n", { mode: "number" }).notNull(),
  },
  (table) => [
    primaryKey({
      columns: [
        table.datasetId,
        table.editType,
        table.groupName,
        table.isKnownType,
        table.effectiveVerdict,
        table.judgeVerdict,
        table.humanVerdict,
        table.isReviewed,
        table.isDisagreement,
        table.isInPair,
        table.isMultiTurn,
        table.isIdenticalText,
      ],
    }),
  ],
);

export const judgements = pgTable(
  "judgements",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    candidateId: bigint("candidate_id", { mode: "number" }).notNull(),
    /** provider/model/prompt-version, e.g. "metrics/pixel-v1" or "gemini/gemini-2.5-pro/rubric-v1". */
    judgeId: text("judge_id").notNull(),
    instructionCompliance: doublePrecision("instruction_compliance"),
    seamlessness: doublePrecision("seamlessness"),
    preservationBalance: doublePrecision("preservation_balance"),
    technicalQuality: doublePrecision("technical_quality"),
    /** The overall the judge itself reported, if any; Ripe recomputes from the criteria. */
    reportedOverall: doublePrecision("reported_overall"),
    rationale: text("rationale"),
    raw: text("raw"),
    error: text("error"),
    inputTokens: integer("input_tokens"),
    outputTokens: integer("output_tokens"),
    costUsd: doublePrecision("cost_usd"),
    jobId: integer("job_id"),
    /** Hash of the imported score line (imports are idempotent). */
    importKey: text("import_key"),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("judgements_import_key").on(table.candidateId, table.importKey),
    index("judgements_candidate").on(table.candidateId, table.id),
    uniqueIndex("judgements_job_candidate").on(table.jobId, table.candidateId),
  ],
);

/** Append-only: a change of mind is a new row; history is never lost. */
export const reviews = pgTable(
  "reviews",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    candidateId: bigint("candidate_id", { mode: "number" }).notNull(),
    reviewerId: integer("reviewer_id").notNull(),
    verdict: text("verdict").$type<Verdict>().notNull(),
    instructionCompliance: doublePrecision("instruction_compliance"),
    seamlessness: doublePrecision("seamlessness"),
    preservationBalance: doublePrecision("preservation_balance"),
    technicalQuality: doublePrecision("technical_quality"),
    reasonTags: jsonb("reason_tags")
      .$type<ReasonTag[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    note: text("note"),
    /** The judge verdict at the time of the decision, for history and audit. */
    judgeVerdictThen: text("judge_verdict_then").$type<Outcome>(),
    /** Audit sample this decision came from and the item's inclusion probability. */
    sampleId: integer("sample_id"),
    sampleProbability: doublePrecision("sample_probability"),
    /** "ui" or "import:<file>". */
    source: text("source").notNull().default("ui"),
    /** Hash of the imported decision line: importing the same file twice adds nothing. */
    importKey: text("import_key"),
    /** An undo is a new row pointing at the row it cancels; the history itself never changes. */
    undoOf: bigint("undo_of", { mode: "number" }),
    createdAt: createdAt(),
  },
  (table) => [
    index("reviews_candidate").on(table.candidateId, table.id),
    index("reviews_reviewer").on(table.reviewerId, table.id),
    index("reviews_undo_of").on(table.undoOf),
    uniqueIndex("reviews_import_key").on(table.candidateId, table.importKey),
  ],
);

export const auditSamples = pgTable("audit_samples", {
  id: serial("id").primaryKey(),
  datasetId: integer("dataset_id").notNull(),
  method: text("method").notNull(),
  size: integer("size").notNull(),
  seed: integer("seed").notNull(),
  /** candidate id → inclusion probability, in walk order. */
  items: jsonb("items").$type<{ candidateId: number; probability: number }[]>().notNull(),
  createdAt: createdAt(),
});

export const pairs = pgTable(
  "pairs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    datasetId: integer("dataset_id").notNull(),
    requestId: bigint("request_id", { mode: "number" }).notNull(),
    candidateA: bigint("candidate_a", { mode: "number" }).notNull(),
    candidateB: bigint("candidate_b", { mode: "number" }).notNull(),
    origin: text("origin").$type<PairOrigin>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex("pairs_unique").on(table.candidateA, table.candidateB),
    index("pairs_dataset").on(table.datasetId, table.id),
    index("pairs_request").on(table.requestId),
  ],
);

export const pairLabels = pgTable(
  "pair_labels",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    pairId: bigint("pair_id", { mode: "number" }).notNull(),
    reviewerId: integer("reviewer_id").notNull(),
    label: text("label").$type<PairLabel>().notNull(),
    /** Which candidate was shown on the left: position-bias analysis needs it. */
    leftCandidateId: bigint("left_candidate_id", { mode: "number" }).notNull(),
    isRepeat: boolean("is_repeat").notNull().default(false),
    undoOf: bigint("undo_of", { mode: "number" }),
    createdAt: createdAt(),
  },
  (table) => [index("pair_labels_pair").on(table.pairId, table.id), index("pair_labels_undo_of").on(table.undoOf)],
);

export type Dataset = typeof datasets.$inferSelect;
export type Request = typeof requests.$inferSelect;
export type Candidate = typeof candidates.$inferSelect;
export type Judgement = typeof judgements.$inferSelect;
export type Review = typeof reviews.$inferSelect;
export type Reviewer = typeof reviewers.$inferSelect;
export type ManifestRow = typeof manifestRows.$inferSelect;
export type ImportRun = typeof importRuns.$inferSelect;
export type Pair = typeof pairs.$inferSelect;
export type PairLabelRow = typeof pairLabels.$inferSelect;
export type DatasetMember = typeof datasetMembers.$inferSelect;

// Judge runs, their batches and items (lib/judge).
export * from "./schema-judge";
// Leased background jobs and uploads every instance can read (lib/jobs).
export * from "./schema-jobs";
// Assignments, adjudications and gold (lib/team).
export * from "./schema-team";
// API tokens, invites and the admin log (lib/auth).
export * from "./schema-admin";

export * from "./schema-search";
