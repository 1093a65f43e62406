import "server-only";
// The labelling queue: the next batch of pairs for one reviewer, ordered by the queue kind's sort
// keys (lib/pairs/queue.ts), with due repeats (sides swapped) interleaved. Pairs the reviewer
// labelled never come back except as repeats; their own skips come back last.
import { z } from "zod";
import type { SqlRunner } from "../client";
import { col, queryOne, queryRows } from "../rows";
import type { Dataset } from "../schema";
import { interleaveRepeats, queueSortKeys, type QueueKind, type SortKey } from "../../pairs/queue";
import { isRepeatSelected, REPEAT_GAP } from "../../pairs/sides";
import { LIVE_LABEL, loadPairItems } from "./pairs";
import type { QueueBatch } from "../../pairs/types";

const idRow = z.object({ id: col.int });
export type { QueueBatch };

export type QueueBatchRequest = {
  queue: QueueKind;
  editType?: string;
  origin?: string;
  repeat: number;
  pair?: number;
  exclude: number[];
  excludeRepeats: number[];
  limit: number;
  /** Labels that must be newer than the one repeated (default REPEAT_GAP; tests lower it). */
  repeatGap?: number;
};

const SORT_SQL: Record<SortKey["key"], string> = {
  skipped: "COALESCE(s.is_skipped_by_me, false)",
  unlabelled: "(COALESCE(s.label_count, 0) = 0)",
  labelCount: "COALESCE(s.label_count, 0)",
  disagreement: "(p.origin = 'disagreement' OR ca.is_disagreement OR cb.is_disagreement OR COALESCE(s.reviewers_disagree, false))",
  othersLabelled: "(COALESCE(s.label_count, 0) > 0)",
  // Byte order, like the in-memory comparator (and independent of the server's locale).
  editType: `r.edit_type COLLATE "C"`,
  id: "p.id",
};

function orderBy(kind: QueueKind): string {
  return queueSortKeys(kind)
    .map(({ key, direction }) => `${SORT_SQL[key]} ${direction.toUpperCase()}`)
    .join(", ");
}

/** Each reviewer's current (latest live, non-repeat) label per pair, as per-pair facts. */
const STATS_CTE = `
live AS (
  SELECT DISTINCT ON (l.pair_id, l.reviewer_id) l.pair_id, l.reviewer_id, l.label
  FROM pair_labels l JOIN pairs lp ON lp.id = l.pair_id
  WHERE lp.dataset_id = $1 AND NOT l.is_repeat AND ${LIVE_LABEL}
  ORDER BY l.pair_id, l.reviewer_id, l.id DESC
),
stats AS (
  SELECT pair_id,
         count(*) FILTER (WHERE label <> 'skip') AS label_count,
         bool_or(reviewer_id = $2) AS is_mine,
         bool_or(reviewer_id = $2 AND label = 'skip') AS is_skipped_by_me,
         count(DISTINCT label) FILTER (WHERE label <> 'skip') > 1 AS reviewers_disagree
  FROM live GROUP BY pair_id
)`;

function filters(request: QueueBatchRequest, params: unknown[]): string {
  const where: string[] = [];
  if (request.editType) {
    params.push(request.editType);
    where.push(`r.edit_type = $${params.length}`);
  }
  if (request.origin) {
    params.push(request.origin);
    where.push(`p.origin = $${params.length}`);
  }
  return where.map((clause) => ` AND ${clause}`).join("");
}

/**
 * The first stretch of some queues, as a query that can stop early: the pairs index in id order
 * (or the few labelled pairs) instead of sorting every pair. Its rows are exactly the head of
 * the full order (same keys), so when it fills a batch the full sort is skipped.
 */
const FIRST_TIER: Partial<Record<QueueKind, { where: string; order: string }>> = {
  unlabelled: { where: "COALESCE(s.label_count, 0) = 0 AND NOT COALESCE(s.is_skipped_by_me, false)", order: "p.id" },
  "another-reviewer": {
    where: "COALESCE(s.label_count, 0) > 0 AND NOT COALESCE(s.is_skipped_by_me, false)",
    order: "COALESCE(s.label_count, 0), p.id",
  },
};

/** Joins only what the filters and sort keys read: at 100K+ pairs the joins are most of the cost. */
function fromClause(request: QueueBatchRequest, keys: readonly SortKey[], where: string): string {
  const isNeeded = (key: SortKey["key"]) => keys.some((entry) => entry.key === key);
  const joins = [
    request.editType || isNeeded("editType") ? "JOIN requests r ON r.id = p.request_id" : "",
    isNeeded("disagreement") ? "JOIN candidates ca ON ca.id = p.candidate_a JOIN candidates cb ON cb.id = p.candidate_b" : "",
  ].join(" ");
  return `FROM pairs p ${joins} LEFT JOIN stats s ON s.pair_id = p.id
    WHERE p.dataset_id = $1 AND (s.is_mine IS NOT TRUE OR s.is_skipped_by_me) AND NOT (p.id = ANY($3::bigint[]))${where}`;
}

export async function nextPairBatch(db: SqlRunner, dataset: Dataset, reviewerId: number, request: QueueBatchRequest): Promise<QueueBatch> {
  const params: unknown[] = [dataset.id, reviewerId, request.exclude];
  const where = filters(request, params);
  const keys = queueSortKeys(request.queue);
  const tier = FIRST_TIER[request.queue];
  let fresh = tier
    ? await queryRows(
        db,
        idRow,
        `WITH ${STATS_CTE} SELECT p.id ${fromClause(request, [], where)} AND ${tier.where} ORDER BY ${tier.order} LIMIT ${request.limit}`,
        params,
      )
    : [];
  if (fresh.length < request.limit) {
    fresh = await queryRows(
      db,
      idRow,
      `WITH ${STATS_CTE} SELECT p.id ${fromClause(request, keys, where)} ORDER BY ${orderBy(request.queue)} LIMIT ${request.limit}`,
      params,
    );
  }
  const count = await queryOne(
    db,
    z.object({ count: col.int }),
    `WITH ${STATS_CTE} SELECT count(*) AS count ${fromClause(request, [], where)} AND NOT COALESCE(s.is_skipped_by_me, false)`,
    withoutExclude(params),
  );
  const repeats = await dueRepeats(db, dataset.id, reviewerId, request);
  const freshIds = fresh.map((row) => row.id);
  // A pair opened directly (from the list or a new manual pair) comes first, whatever its state.
  const firstIds = request.pair && !request.exclude.includes(request.pair) ? [request.pair] : [];
  const ordered = interleaveRepeats(
    [...firstIds, ...freshIds.filter((id) => !firstIds.includes(id))].map((id) => ({ id, isRepeat: false })),
    repeats.map((repeat) => ({ id: repeat.pairId, isRepeat: true })),
  );
  const freshItems = await loadPairItems(
    db,
    dataset,
    ordered.filter((entry) => !entry.isRepeat).map((entry) => entry.id),
    reviewerId,
  );
  const repeatItems = await loadPairItems(
    db,
    dataset,
    repeats.map((repeat) => repeat.pairId),
    reviewerId,
    new Map(repeats.map((repeat) => [repeat.pairId, repeat.leftCandidateId])),
  );
  const freshById = new Map(freshItems.map((item) => [item.pairId, item]));
  const repeatById = new Map(repeatItems.map((item) => [item.pairId, item]));
  const items = ordered.flatMap((entry) => {
    const item = entry.isRepeat ? repeatById.get(entry.id) : freshById.get(entry.id);
    return item ? [item] : [];
  });
  return { items, remaining: count.count, repeatsDue: repeats.length };
}

/** The count ignores the client's exclude list: it is "pairs still waiting for this reviewer". */
function withoutExclude(params: unknown[]): unknown[] {
  const copy = [...params];
  copy[2] = [];
  return copy;
}

/**
 * Repeats due for this reviewer: their current label on a pair is one of the selected share,
 * at least REPEAT_GAP of their labels are newer, and they have not repeated it yet.
 */
async function dueRepeats(db: SqlRunner, datasetId: number, reviewerId: number, request: QueueBatchRequest) {
  if (!(request.repeat > 0)) return [];
  const params: unknown[] = [datasetId, reviewerId, request.excludeRepeats];
  const where = filters(request, params);
  const rows = await queryRows(
    db,
    z.object({ pairId: col.int, leftCandidateId: col.int }),
    `WITH mine AS (
       SELECT l.id, l.pair_id, l.label, l.left_candidate_id, l.is_repeat, row_number() OVER (ORDER BY l.id DESC) - 1 AS newer
       FROM pair_labels l JOIN pairs lp ON lp.id = l.pair_id
       WHERE lp.dataset_id = $1 AND l.reviewer_id = $2 AND ${LIVE_LABEL}
     ),
     latest AS (SELECT DISTINCT ON (pair_id) * FROM mine WHERE NOT is_repeat ORDER BY pair_id, id DESC)
     SELECT latest.pair_id AS "pairId", latest.left_candidate_id AS "leftCandidateId" FROM latest
     JOIN pairs p ON p.id = latest.pair_id JOIN requests r ON r.id = p.request_id
     WHERE latest.label <> 'skip' AND latest.newer >= ${Math.max(0, Math.floor(request.repeatGap ?? REPEAT_GAP))}
       AND NOT EXISTS (SELECT 1 FROM mine m WHERE m.pair_id = latest.pair_id AND m.is_repeat)
       AND NOT (latest.pair_id = ANY($3::bigint[]))${where}
     ORDER BY latest.id`,
    params,
  );
  return rows.filter((row) => isRepeatSelected(row.pairId, reviewerId, request.repeat)).slice(0, Math.max(1, Math.ceil(request.limit / 4)));
}
