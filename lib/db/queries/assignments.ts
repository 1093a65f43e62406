import "server-only";
// Assignments with overlap: made from a browse filter or an audit sample, allocated by
// lib/team/allocate (k distinct reviewers per item, balanced loads), tracked per reviewer and per
// assignment, and reassigned when someone is away. An assigned item is decided for a reviewer
// once that reviewer has a live decision on it (from any walk: the item is the unit, not the visit).
import { z } from "zod";
import type { BrowseFilters } from "../../browse/filters";
import { allocateOverlap, reassignOpen } from "../../team/allocate";
import type { AssignmentSource } from "../../team/enums";
import type { AssignmentSummary, OpenItem, ReviewerProgress } from "../../team/types";
export type { AssignmentSummary, OpenItem, ReviewerProgress };
import type { DbHandle } from "../client";
import { col, queryOne, queryRows } from "../rows";
import { whereFor } from "./browse-sql";
import { HAS_DECIDED } from "./team-sql";

export class AssignmentError extends Error {}

/** More than this many items is a job for several assignments (and a browser form). */
export const MAX_ASSIGNMENT_ITEMS = 20_000;

export type NewAssignment = {
  datasetId: number;
  title: string;
  source: AssignmentSource;
  filter?: BrowseFilters;
  sampleId?: number;
  reviewerIds: number[];
  overlap: number;
  seed: number;
  dueAt: Date | null;
  createdBy: number;
};

async function itemsOf(db: DbHandle, input: NewAssignment): Promise<number[]> {
  if (input.source === "sample") {
    const sample = await queryRows(
      db,
      z.object({ items: z.array(z.object({ candidateId: col.int })) }),
      "SELECT items FROM audit_samples WHERE id = $1 AND dataset_id = $2",
      [input.sampleId, input.datasetId],
    );
    if (!sample[0]) throw new AssignmentError(`sampleId: no audit sample ${input.sampleId} in this dataset.`);
    return sample[0].items.map((item) => item.candidateId);
  }
  const { where, params, needsRequest } = await whereFor(db, input.datasetId, input.filter ?? {});
  const rows = await queryRows(
    db,
    z.object({ id: col.int }),
    `SELECT c.id FROM candidates c ${needsRequest ? "JOIN requests r ON r.id = c.request_id" : ""}
     WHERE ${where.join(" AND ")} ORDER BY c.id LIMIT ${MAX_ASSIGNMENT_ITEMS + 1}`,
    params,
  );
  if (rows.length > MAX_ASSIGNMENT_ITEMS)
    throw new AssignmentError(`The filter matches more than ${MAX_ASSIGNMENT_ITEMS.toLocaleString()} items; narrow it down first.`);
  return rows.map((row) => row.id);
}

/**
 * Reviewers who may be given items in a dataset: accounts that are not disabled and may review
 * there (a reviewer or owner member, or a site owner/admin, who acts as owner everywhere).
 * External reviewers (names from imported decision lines) can't sign in, so they can't be assigned.
 */
const ASSIGNABLE_SQL = `SELECT r.id, r.name FROM reviewers r JOIN auth_users u ON u.id = r.user_id
  WHERE NOT u.disabled AND (u.role IN ('owner', 'admin') OR EXISTS (
    SELECT 1 FROM dataset_members m WHERE m.user_id = u.id AND m.dataset_id = $1 AND m.role IN ('owner', 'reviewer')))`;

export async function listAssignableReviewers(db: Pick<DbHandle, "query">, datasetId: number): Promise<{ id: number; name: string }[]> {
  return queryRows(db, z.object({ id: col.int, name: col.text }), `${ASSIGNABLE_SQL} ORDER BY r.name`, [datasetId]);
}

async function refuseUnassignable(db: Pick<DbHandle, "query">, datasetId: number, reviewerIds: number[], field: string) {
  const assignable = new Set((await listAssignableReviewers(db, datasetId)).map((row) => row.id));
  const refused = [...new Set(reviewerIds)].filter((id) => !assignable.has(id));
  if (refused.length)
    throw new AssignmentError(`${field}: reviewer ${refused.join(", ")} may not review this dataset (give them the reviewer role first).`);
}

export async function createAssignment(db: DbHandle, input: NewAssignment): Promise<{ id: number; items: number; slots: number }> {
  const known = await queryRows(db, z.object({ id: col.int }), "SELECT id FROM reviewers WHERE id = ANY($1::int[])", [input.reviewerIds]);
  const missing = input.reviewerIds.filter((id) => !known.some((row) => row.id === id));
  if (missing.length) throw new AssignmentError(`reviewerIds: no reviewer ${missing.join(", ")}.`);
  await refuseUnassignable(db, input.datasetId, input.reviewerIds, "reviewerIds");
  const candidateIds = await itemsOf(db, input);
  if (candidateIds.length === 0) throw new AssignmentError("There are no items to assign: the filter or sample is empty.");
  // Throws AllocationError for k > reviewers before anything is written.
  const allocation = allocateOverlap(candidateIds, input.reviewerIds, input.overlap, input.seed);
  return db.transaction(async (tx) => {
    const { id } = await queryOne(
      tx,
      z.object({ id: col.int }),
      `INSERT INTO assignments (dataset_id, title, source, filter, sample_id, overlap, seed, due_at, created_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9) RETURNING id`,
      [
        input.datasetId,
        input.title,
        input.source,
        JSON.stringify(input.filter ?? {}),
        input.sampleId ?? null,
        input.overlap,
        input.seed,
        input.dueAt,
        input.createdBy,
      ],
    );
    for (let start = 0; start < allocation.length; start += 5000) {
      const chunk = allocation.slice(start, start + 5000);
      await tx.query(
        `INSERT INTO assignment_items (assignment_id, candidate_id, reviewer_id, position)
         SELECT $1, * FROM unnest($2::bigint[], $3::int[], $4::int[])`,
        [id, chunk.map((slot) => slot.candidateId), chunk.map((slot) => slot.reviewerId), chunk.map((slot) => slot.position)],
      );
    }
    return { id, items: candidateIds.length, slots: allocation.length };
  });
}

const progressRow = z.object({
  assignment_id: col.int,
  reviewer_id: col.int,
  reviewer: col.text,
  total: col.int,
  decided: col.int,
});

export async function listAssignments(db: DbHandle, datasetId: number, now = new Date()): Promise<AssignmentSummary[]> {
  const assignmentRows = await queryRows(
    db,
    z.object({
      id: col.int,
      title: col.text,
      source: z.enum(["filter", "sample"]),
      sample_id: col.nullableInt,
      overlap: col.int,
      seed: col.int,
      due_at: col.date.nullable(),
      created_at: col.date,
    }),
    "SELECT id, title, source, sample_id, overlap, seed, due_at, created_at FROM assignments WHERE dataset_id = $1 ORDER BY id DESC",
    [datasetId],
  );
  if (assignmentRows.length === 0) return [];
  const ids = assignmentRows.map((row) => row.id);
  const [progress, items] = await Promise.all([
    queryRows(
      db,
      progressRow,
      `SELECT ai.assignment_id, ai.reviewer_id, v.name AS reviewer, count(*) AS total,
              count(*) FILTER (WHERE ${HAS_DECIDED("ai.candidate_id", "ai.reviewer_id")}) AS decided
       FROM assignment_items ai JOIN reviewers v ON v.id = ai.reviewer_id
       WHERE ai.assignment_id = ANY($1::int[]) GROUP BY ai.assignment_id, ai.reviewer_id, v.name ORDER BY v.name`,
      [ids],
    ),
    queryRows(
      db,
      z.object({ assignment_id: col.int, items: col.int, done: col.int }),
      `SELECT assignment_id, count(*) AS items, count(*) FILTER (WHERE open = 0) AS done FROM (
         SELECT ai.assignment_id, ai.candidate_id,
                count(*) FILTER (WHERE NOT ${HAS_DECIDED("ai.candidate_id", "ai.reviewer_id")}) AS open
         FROM assignment_items ai WHERE ai.assignment_id = ANY($1::int[]) GROUP BY ai.assignment_id, ai.candidate_id
       ) per_item GROUP BY assignment_id`,
      [ids],
    ),
  ]);
  return assignmentRows.map((row) => {
    const isPastDue = row.due_at !== null && row.due_at.getTime() < now.getTime();
    const reviewers = progress
      .filter((entry) => entry.assignment_id === row.id)
      .map((entry) => ({
        reviewerId: entry.reviewer_id,
        reviewer: entry.reviewer,
        total: entry.total,
        decided: entry.decided,
        isOverdue: isPastDue && entry.decided < entry.total,
      }));
    const counts = items.find((entry) => entry.assignment_id === row.id);
    const slots = reviewers.reduce((sum, entry) => sum + entry.total, 0);
    const decided = reviewers.reduce((sum, entry) => sum + entry.decided, 0);
    return {
      id: row.id,
      title: row.title,
      source: row.source,
      sampleId: row.sample_id,
      overlap: row.overlap,
      seed: row.seed,
      dueAt: row.due_at?.toISOString() ?? null,
      createdAt: row.created_at.toISOString(),
      items: counts?.items ?? 0,
      itemsDone: counts?.done ?? 0,
      slots,
      decided,
      isOverdue: isPastDue && decided < slots,
      reviewers,
    };
  });
}

/** The assignment's items some reviewer has not decided yet, with who holds them. */
export async function openAssignmentItems(db: DbHandle, datasetId: number, assignmentId: number, limit = 500): Promise<OpenItem[]> {
  const rows = await queryRows(
    db,
    z.object({ candidate_id: col.int, reviewer_id: col.int, reviewer: col.text }),
    `SELECT ai.candidate_id, ai.reviewer_id, v.name AS reviewer
     FROM assignment_items ai JOIN assignments a ON a.id = ai.assignment_id JOIN reviewers v ON v.id = ai.reviewer_id
     WHERE ai.assignment_id = $1 AND a.dataset_id = $2 AND NOT ${HAS_DECIDED("ai.candidate_id", "ai.reviewer_id")}
     ORDER BY ai.candidate_id, v.name LIMIT $3`,
    [assignmentId, datasetId, limit],
  );
  return rows.map((row) => ({ candidateId: row.candidate_id, reviewerId: row.reviewer_id, reviewer: row.reviewer }));
}

/**
 * Moves `fromReviewerId`'s open items of an assignment to the `toReviewerIds`, keeping each item's
 * reviewers distinct (lib/team/allocate reassignOpen). Decided items stay with whoever decided them.
 */
export async function reassignAssignment(
  db: DbHandle,
  input: { datasetId: number; assignmentId: number; fromReviewerId: number; toReviewerIds: number[] },
): Promise<{ moved: number; unplaced: number[] }> {
  const targets = input.toReviewerIds.filter((id) => id !== input.fromReviewerId);
  if (targets.length === 0) throw new AssignmentError("toReviewerIds: choose at least one other reviewer to take the items.");
  return db.transaction(async (tx) => {
    const [assignment] = await queryRows(
      tx,
      z.object({ id: col.int, seed: col.int }),
      "SELECT id, seed FROM assignments WHERE id = $1 AND dataset_id = $2 FOR UPDATE",
      [input.assignmentId, input.datasetId],
    );
    if (!assignment) throw new AssignmentError(`assignmentId: no assignment ${input.assignmentId} in this dataset.`);
    const known = await queryRows(tx, z.object({ id: col.int }), "SELECT id FROM reviewers WHERE id = ANY($1::int[])", [targets]);
    if (known.length !== new Set(targets).size) throw new AssignmentError("toReviewerIds: one of the reviewers does not exist.");
    await refuseUnassignable(tx, input.datasetId, targets, "toReviewerIds");
    const open = await queryRows(
      tx,
      z.object({ candidate_id: col.int }),
      `SELECT ai.candidate_id FROM assignment_items ai
       WHERE ai.assignment_id = $1 AND ai.reviewer_id = $2 AND NOT ${HAS_DECIDED("ai.candidate_id", "ai.reviewer_id")}
       ORDER BY ai.position`,
      [input.assignmentId, input.fromReviewerId],
    );
    if (open.length === 0) return { moved: 0, unplaced: [] };
    const slots = await queryRows(
      tx,
      z.object({ candidate_id: col.int, reviewer_id: col.int, is_open: col.bool }),
      `SELECT ai.candidate_id, ai.reviewer_id, NOT ${HAS_DECIDED("ai.candidate_id", "ai.reviewer_id")} AS is_open
       FROM assignment_items ai WHERE ai.assignment_id = $1`,
      [input.assignmentId],
    );
    const holders = new Map<number, Set<number>>();
    const openLoad = new Map<number, number>();
    for (const slot of slots) {
      holders.set(slot.candidate_id, (holders.get(slot.candidate_id) ?? new Set()).add(slot.reviewer_id));
      if (slot.is_open) openLoad.set(slot.reviewer_id, (openLoad.get(slot.reviewer_id) ?? 0) + 1);
    }
    const { moves, unplaced } = reassignOpen(
      open.map((row) => ({ candidateId: row.candidate_id })),
      holders,
      targets,
      openLoad,
      assignment.seed ^ input.fromReviewerId,
    );
    const base = await queryRows(
      tx,
      z.object({ reviewer_id: col.int, next: col.int }),
      "SELECT reviewer_id, COALESCE(max(position), -1) + 1 AS next FROM assignment_items WHERE assignment_id = $1 GROUP BY reviewer_id",
      [input.assignmentId],
    );
    const nextPosition = new Map(base.map((row) => [row.reviewer_id, row.next]));
    for (const move of moves) {
      const position = nextPosition.get(move.reviewerId) ?? 0;
      nextPosition.set(move.reviewerId, position + 1);
      await tx.query(
        `UPDATE assignment_items SET reviewer_id = $1, position = $2, reassigned_from = $3
         WHERE assignment_id = $4 AND candidate_id = $5 AND reviewer_id = $3`,
        [move.reviewerId, position, input.fromReviewerId, input.assignmentId, move.candidateId],
      );
    }
    return { moved: moves.length, unplaced };
  });
}

/**
 * The reviewer's open assigned items in a dataset, due soonest first, then by assignment and walk
 * order; each with the audit sample it came from (the decision records its inclusion probability).
 */
export async function openAssignedFor(db: DbHandle, datasetId: number, reviewerId: number): Promise<number[]> {
  const rows = await queryRows(
    db,
    z.object({ candidate_id: col.int }),
    `SELECT ai.candidate_id FROM assignment_items ai JOIN assignments a ON a.id = ai.assignment_id
     WHERE a.dataset_id = $1 AND ai.reviewer_id = $2 AND NOT ${HAS_DECIDED("ai.candidate_id", "ai.reviewer_id")}
     ORDER BY a.due_at NULLS LAST, a.id, ai.position`,
    [datasetId, reviewerId],
  );
  return [...new Set(rows.map((row) => row.candidate_id))];
}

/** The audit sample an assigned item came from, for a decision made outside the sample walk. */
export async function assignedSampleOf(db: DbHandle, datasetId: number, reviewerId: number, candidateId: number): Promise<number | null> {
  const rows = await queryRows(
    db,
    z.object({ sample_id: col.int }),
    `SELECT a.sample_id FROM assignment_items ai JOIN assignments a ON a.id = ai.assignment_id
     WHERE a.dataset_id = $1 AND ai.reviewer_id = $2 AND ai.candidate_id = $3 AND a.sample_id IS NOT NULL
     ORDER BY a.id DESC LIMIT 1`,
    [datasetId, reviewerId, candidateId],
  );
  return rows[0]?.sample_id ?? null;
}
