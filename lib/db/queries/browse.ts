import "server-only";
// Browse reads: a keyset page of candidates under the URL's filters and sort, neighbours of an
// item in that order (for j/k), the matching count, and facet counts for the sidebar.
// List queries never carry image bytes: thumbnails come from /api/images.
import type { BrowseFilters, Sort } from "../../browse/filters";
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne, queryRows } from "../rows";
import { buildFacetWhere, cursorCondition, whereFor, decodeCursor, encodeCursor, orderFor, type Cursor } from "./browse-sql";
import type { BrowseItem, BrowsePage } from "../../browse/types";
export type { BrowseItem, BrowsePage };

const PAGE_COLUMNS = `c.id, c.request_id, c.image_path, c.role, c.edit_type, c.group_name, c.is_known_type, c.judge_overall,
  c.judge_verdict, c.human_verdict, c.effective_verdict, c.review_count, c.is_disagreement, c.is_multi_turn, c.is_in_pair, c.is_identical_text`;

const pageRow = z.object({
  id: col.int,
  request_id: col.int,
  image_path: col.text,
  role: col.text,
  edit_type: col.text,
  group_name: col.text,
  is_known_type: col.bool,
  judge_overall: col.number,
  judge_verdict: col.text,
  human_verdict: col.text,
  effective_verdict: col.text,
  review_count: col.int,
  is_disagreement: col.bool,
  is_multi_turn: col.bool,
  is_in_pair: col.bool,
  is_identical_text: col.bool,
});
type PageRow = z.output<typeof pageRow>;
const uncertaintyRow = pageRow.extend({ distance: col.number });
type UncertaintyRow = z.output<typeof uncertaintyRow>;

const pageRequest = z.object({
  id: col.int,
  source_image: col.text,
  summarized_text: col.text,
  session_id: col.nullableInt,
  turn: col.nullableInt,
});

/** Unjudged items (overall -1) sort after every judged one in the uncertainty order. */
const UNJUDGED_DISTANCE = 10;

function toItem(row: PageRow, request: z.output<typeof pageRequest> | undefined): BrowseItem {
  return {
    id: row.id,
    requestId: row.request_id,
    imagePath: row.image_path,
    role: row.role,
    editType: row.edit_type,
    groupName: row.group_name,
    isKnownType: row.is_known_type,
    judgeOverall: row.judge_overall < 0 ? null : row.judge_overall,
    judgeVerdict: row.judge_verdict,
    humanVerdict: row.human_verdict,
    effectiveVerdict: row.effective_verdict,
    reviewCount: row.review_count,
    isDisagreement: row.is_disagreement,
    isMultiTurn: row.is_multi_turn,
    isInPair: row.is_in_pair,
    isIdenticalText: row.is_identical_text,
    sourceImage: String(request?.source_image),
    summarizedText: String(request?.summarized_text),
    sessionId: request?.session_id ?? null,
    turn: request?.turn ?? null,
  };
}

async function withRequests(db: DbHandle, rows: PageRow[]): Promise<BrowseItem[]> {
  if (rows.length === 0) return [];
  const requests = await queryRows(
    db,
    pageRequest,
    "SELECT id, source_image, summarized_text, session_id, turn FROM requests WHERE id = ANY($1::bigint[])",
    [rows.map((row) => row.request_id)],
  );
  const byId = new Map(requests.map((request) => [request.id, request]));
  return rows.map((row) => toItem(row, byId.get(row.request_id)));
}

function fromClause(needsRequest: boolean) {
  return needsRequest ? "candidates c JOIN requests r ON r.id = c.request_id" : "candidates c";
}

type Direction = "forward" | "backward";

async function simplePage(
  db: DbHandle,
  datasetId: number,
  filters: BrowseFilters,
  sort: Exclude<Sort, "uncertainty">,
  cursor: Cursor | null,
  limit: number,
  direction: Direction,
  walk?: number,
) {
  const { where, params, needsRequest, words } = await whereFor(db, datasetId, filters);
  const order = orderFor(sort, direction);
  if (cursor) where.push(cursorCondition(sort, order.op, cursor, params));
  if (words) return wordsPage(db, { where, params, words }, order, limit, walk ?? (await wordsWalk(db, datasetId, limit)));
  const rows = await queryRows(
    db,
    pageRow,
    `SELECT ${PAGE_COLUMNS} FROM ${fromClause(needsRequest)} WHERE ${where.join(" AND ")} ORDER BY ${order.orderBy} LIMIT ${limit}`,
    params,
  );
  const last = rows.at(-1);
  const next = last ? order.value(last) : null;
  return { rows, next };
}

/**
 * Candidates walked in the page order before a text search turns to its matches instead (see
 * wordsPage). The worst word is one that just fails to fill a page within the walk: it pays for
 * the walk (W probes) and then for its matches (about N·limit/W rows of N, each costing about two
 * probes). W = √(2·N·limit) balances the two: 2,000 at 30K items, 7,000 at 400K, 14,000 at 1.6M.
 */
async function wordsWalk(db: DbHandle, datasetId: number, limit: number): Promise<number> {
  const { n } = await queryOne(db, z.object({ n: col.int }), "SELECT coalesce(sum(n), 0) AS n FROM facet_counts WHERE dataset_id = $1", [
    datasetId,
  ]);
  return Math.round(Math.min(20_000, Math.max(2000, Math.sqrt(2 * n * limit))));
}

/**
 * A text-search page in two steps, because no single plan suits every word and the planner cannot
 * tell them apart (its estimate for a word prefix is a guess). First walk the first `walk`
 * candidates in the page order and keep those whose words match: a frequent word fills the page
 * there at once. Fewer matches than a page means the word is rare (under limit/walk of the rows),
 * so take its matches from the words index and sort just those.
 */
async function wordsPage(
  db: DbHandle,
  parts: { where: string[]; params: unknown[]; words: { clause: string; param: string } },
  order: { orderBy: string; value: (row: PageRow) => Cursor },
  limit: number,
  walk: number,
) {
  const rest = parts.where.filter((clause) => clause !== parts.words.clause).join(" AND ");
  let rows = await queryRows(
    db,
    pageRow,
    `SELECT ${PAGE_COLUMNS} FROM (SELECT * FROM candidates c WHERE ${rest} ORDER BY ${order.orderBy} LIMIT ${walk}) c
     WHERE ${parts.words.clause} ORDER BY ${order.orderBy} LIMIT ${limit}`,
    parts.params,
  );
  if (rows.length < limit)
    rows = await queryRows(
      db,
      pageRow,
      `SELECT ${PAGE_COLUMNS} FROM (SELECT t.request_id FROM request_terms t WHERE t.terms @@ ${parts.words.param}::tsquery) m
       CROSS JOIN LATERAL (SELECT * FROM candidates c WHERE c.request_id = m.request_id AND ${rest}) c
       ORDER BY ${order.orderBy} LIMIT ${limit}`,
      parts.params,
    );
  const last = rows.at(-1);
  return { rows, next: last ? order.value(last) : null };
}

/** Uncertainty: by distance from the threshold, merged from the two sides of it, then unjudged. */
async function uncertaintyPage(
  db: DbHandle,
  datasetId: number,
  threshold: number,
  filters: BrowseFilters,
  cursor: Cursor | null,
  limit: number,
  direction: Direction,
) {
  const isForward = direction === "forward";
  const op = isForward ? ">" : "<";
  const query = async (side: "above" | "below" | "unjudged") => {
    const { where, params, needsRequest } = await whereFor(db, datasetId, filters);
    // Only the judged sides compare with the threshold; a parameter the statement never names is an error.
    if (side !== "unjudged") params.push(threshold);
    const t = `$${params.length}::float8`;
    const distance =
      side === "above" ? `(c.judge_overall - ${t})` : side === "below" ? `(${t} - c.judge_overall)` : `${UNJUDGED_DISTANCE}::float8`;
    if (side === "above") where.push(`c.judge_overall >= ${t}`);
    if (side === "below") where.push(`c.judge_overall < ${t}`, "c.judge_overall >= 0");
    if (side === "unjudged") where.push("c.judge_overall < 0");
    if (cursor) {
      params.push(cursor.v, cursor.i);
      where.push(`(${distance}, c.id) ${op} ($${params.length - 1}::float8, $${params.length})`);
    }
    const dir = isForward ? "ASC" : "DESC";
    const orderBy =
      side === "above"
        ? `c.judge_overall ${dir}, c.id ${dir}`
        : side === "below"
          ? `c.judge_overall ${isForward ? "DESC" : "ASC"}, c.id ${dir}`
          : `c.id ${dir}`;
    const rows = await queryRows(
      db,
      uncertaintyRow,
      `SELECT ${PAGE_COLUMNS}, ${distance} AS distance FROM ${fromClause(needsRequest)} WHERE ${where.join(" AND ")} ORDER BY ${orderBy} LIMIT ${limit}`,
      params,
    );
    return rows;
  };
  const sign = isForward ? 1 : -1;
  const compare = (a: UncertaintyRow, b: UncertaintyRow) => sign * (a.distance - b.distance || a.id - b.id);
  let rows = [...(await query("above")), ...(await query("below"))].sort(compare).slice(0, limit);
  if (rows.length < limit) rows = [...rows, ...(await query("unjudged"))].sort(compare).slice(0, limit);
  const last = rows.at(-1);
  return { rows, next: last ? { v: last.distance, i: last.id } : null };
}

export async function listCandidates(
  db: DbHandle,
  dataset: { id: number; threshold: number },
  filters: BrowseFilters,
  options: {
    cursor?: string | null;
    limit?: number;
    direction?: Direction;
    /** Tests: a shorter walk before a search turns to its matches. */ searchWalk?: number;
  } = {},
): Promise<BrowsePage> {
  const limit = Math.min(Math.max(options.limit ?? 60, 1), 200);
  const sort = filters.sort ?? "newest";
  const cursor = decodeCursor(options.cursor);
  const direction = options.direction ?? "forward";
  const { rows, next } =
    sort === "uncertainty"
      ? await uncertaintyPage(db, dataset.id, dataset.threshold, filters, cursor, limit, direction)
      : await simplePage(db, dataset.id, filters, sort, cursor, limit, direction, options.searchWalk);
  return { items: await withRequests(db, rows), nextCursor: rows.length === limit && next ? encodeCursor(next) : null };
}

/** The cursor that sits exactly at a candidate, so pages before/after it can be read (j/k). */
export async function cursorAt(db: DbHandle, dataset: { threshold: number }, candidateId: number, sort: Sort): Promise<string | null> {
  const [row] = await queryRows(
    db,
    z.object({ id: col.int, judge_overall: col.number, edit_type: col.text }),
    "SELECT id, judge_overall, edit_type FROM candidates WHERE id = $1",
    [candidateId],
  );
  if (!row) return null;
  if (sort === "uncertainty") {
    const distance = row.judge_overall < 0 ? UNJUDGED_DISTANCE : Math.abs(row.judge_overall - dataset.threshold);
    return encodeCursor({ v: distance, i: row.id });
  }
  return encodeCursor(orderFor(sort, "forward").value(row));
}

export async function countCandidates(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<number> {
  const facet = buildFacetWhere(datasetId, filters);
  if (facet) {
    const [row] = await queryRows(
      db,
      z.object({ count: col.nullableInt }),
      `SELECT sum(f.n) AS count FROM facet_counts f WHERE ${facet.where.join(" AND ")}`,
      facet.params,
    );
    return row?.count ?? 0;
  }
  const { where, params, needsRequest } = await whereFor(db, datasetId, filters);
  const row = await queryOne(
    db,
    z.object({ count: col.int }),
    `SELECT count(*) AS count FROM ${fromClause(needsRequest)} WHERE ${where.join(" AND ")}`,
    params,
  );
  return row.count;
}

export type FacetRow = {
  editType: string;
  groupName: string;
  isKnownType: boolean;
  items: number;
  reviewed: number;
  judged: number;
  judgePass: number;
  bothLabelled: number;
  disagreements: number;
};

/** Per edit type counts under the current filters (except the category itself). */
export async function facetCounts(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<FacetRow[]> {
  const facet = buildFacetWhere(datasetId, filters, { skipCategory: true });
  return facet ? facetsFromCounts(db, facet) : facetsFromCandidates(db, datasetId, filters);
}

const facetRow = z.object({
  editType: col.text,
  groupName: col.text,
  isKnownType: col.bool,
  items: col.int,
  reviewed: col.int,
  judged: col.int,
  judgePass: col.int,
  bothLabelled: col.int,
  disagreements: col.int,
}) satisfies z.ZodType<FacetRow>;

/** From the trigger-maintained facet_counts: a few hundred rows whatever the dataset's size. */
function facetsFromCounts(db: DbHandle, facet: { where: string[]; params: unknown[] }): Promise<FacetRow[]> {
  return queryRows(
    db,
    facetRow,
    `SELECT f.edit_type AS "editType", f.group_name AS "groupName", bool_or(f.is_known_type) AS "isKnownType", sum(f.n) AS items,
       coalesce(sum(f.n) FILTER (WHERE f.is_reviewed), 0) AS reviewed,
       coalesce(sum(f.n) FILTER (WHERE f.judge_verdict <> 'none'), 0) AS judged,
       coalesce(sum(f.n) FILTER (WHERE f.judge_verdict = 'pass'), 0) AS "judgePass",
       coalesce(sum(f.n) FILTER (WHERE f.judge_verdict <> 'none' AND f.human_verdict IN ('pass', 'fail')), 0) AS "bothLabelled",
       coalesce(sum(f.n) FILTER (WHERE f.is_disagreement), 0) AS disagreements
     FROM facet_counts f WHERE ${facet.where.join(" AND ")} GROUP BY f.edit_type, f.group_name HAVING sum(f.n) > 0`,
    facet.params,
  );
}

/** Score ranges and text search need the candidates themselves. */
async function facetsFromCandidates(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<FacetRow[]> {
  const { where, params, needsRequest } = await whereFor(db, datasetId, filters, { skipCategory: true });
  return queryRows(
    db,
    facetRow,
    `SELECT c.edit_type AS "editType", c.group_name AS "groupName", bool_or(c.is_known_type) AS "isKnownType", count(*) AS items,
       count(*) FILTER (WHERE c.review_count > 0) AS reviewed,
       count(*) FILTER (WHERE c.judge_verdict <> 'none') AS judged,
       count(*) FILTER (WHERE c.judge_verdict = 'pass') AS "judgePass",
       count(*) FILTER (WHERE c.judge_verdict <> 'none' AND c.human_verdict IN ('pass', 'fail')) AS "bothLabelled",
       count(*) FILTER (WHERE c.is_disagreement) AS disagreements
     FROM ${fromClause(needsRequest)} WHERE ${where.join(" AND ")} GROUP BY c.edit_type, c.group_name`,
    params,
  );
}
