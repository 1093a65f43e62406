import "server-only";
// Browse reads: a keyset page of candidates under the URL's filters and sort, neighbours of an
// item in that order (for j/k), the matching count, and facet counts for the sidebar.
// List queries never carry image bytes: thumbnails come from /api/images. A text search served by
// the words index reads its page in browse-search.ts; its condition comes from search-clause.ts.
import type { BrowseFilters, Sort } from "../../browse/filters";
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne, queryRows } from "../rows";
import {
  buildFacetWhere,
  buildWhere,
  cursorCondition,
  whereFor,
  decodeCursor,
  encodeCursor,
  expansionFor,
  orderFor,
  searchBacklogFor,
  type Cursor,
} from "./browse-sql";
import { PAGE_COLUMNS, pageRow, type PageRow } from "./browse-page-row";
import { wordsPage, type SearchPlan } from "./browse-search";
import type { BrowseItem, BrowsePage } from "../../browse/types";
import type { Expansion } from "../../search/terms";
export type { BrowseItem, BrowsePage };

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

/** One page to read; `searchBacklog` was settled once for all of its statements. */
type PageSpec = {
  datasetId: number;
  filters: BrowseFilters;
  searchBacklog: boolean;
  expansion: Expansion | undefined;
  cursor: Cursor | null;
  limit: number;
  direction: Direction;
};

async function simplePage(db: DbHandle, page: PageSpec, sort: Exclude<Sort, "uncertainty">, forced?: SearchPlan) {
  const { datasetId, cursor, limit } = page;
  const { where, params, needsRequest, words } = buildWhere(datasetId, page.filters, {
    searchBacklog: page.searchBacklog,
    expansion: page.expansion,
  });
  const order = orderFor(sort, page.direction);
  if (cursor) where.push(cursorCondition(sort, order.op, cursor, params));
  if (words) return wordsPage(db, datasetId, { where, params, words }, order, limit, forced);
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

/** Uncertainty: by distance from the threshold, merged from the two sides of it, then unjudged. */
async function uncertaintyPage(db: DbHandle, page: PageSpec, threshold: number) {
  const { cursor, limit } = page;
  const isForward = page.direction === "forward";
  const op = isForward ? ">" : "<";
  const query = async (side: "above" | "below" | "unjudged") => {
    const { where, params, needsRequest } = buildWhere(page.datasetId, page.filters, {
      searchBacklog: page.searchBacklog,
      expansion: page.expansion,
    });
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
    /** Tests: the words plan, forced (a walk of this length; with cap, at most cap matches first). */
    searchPlan?: SearchPlan;
    /** datasets.search_backlog when the caller read the row for this request; else it is looked up. */
    searchBacklog?: boolean;
    /** The typed words' expansion when the caller looked it up for this request (expansionFor); else it is. */
    expansion?: Expansion;
  } = {},
): Promise<BrowsePage> {
  const sort = filters.sort ?? "newest";
  const page: PageSpec = {
    datasetId: dataset.id,
    filters,
    searchBacklog: await searchBacklogFor(db, dataset.id, filters, options.searchBacklog),
    expansion: options.expansion ?? (await expansionFor(db, filters)),
    cursor: decodeCursor(options.cursor),
    limit: Math.min(Math.max(options.limit ?? 60, 1), 200),
    direction: options.direction ?? "forward",
  };
  const { rows, next } =
    sort === "uncertainty" ? await uncertaintyPage(db, page, dataset.threshold) : await simplePage(db, page, sort, options.searchPlan);
  return { items: await withRequests(db, rows), nextCursor: rows.length === page.limit && next ? encodeCursor(next) : null };
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

/** Options of the count and facet reads: datasets.search_backlog and the typed words' expansion when the caller has them for this request. */
type ReadOptions = { searchBacklog?: boolean; expansion?: Expansion };

export async function countCandidates(db: DbHandle, datasetId: number, filters: BrowseFilters, options: ReadOptions = {}): Promise<number> {
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
  const { where, params, needsRequest } = await whereFor(db, datasetId, filters, options);
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
export async function facetCounts(db: DbHandle, datasetId: number, filters: BrowseFilters, options: ReadOptions = {}): Promise<FacetRow[]> {
  const facet = buildFacetWhere(datasetId, filters, { skipCategory: true });
  return facet ? facetsFromCounts(db, facet) : facetsFromCandidates(db, datasetId, filters, options);
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
async function facetsFromCandidates(db: DbHandle, datasetId: number, filters: BrowseFilters, options: ReadOptions): Promise<FacetRow[]> {
  const { where, params, needsRequest } = await whereFor(db, datasetId, filters, { ...options, skipCategory: true });
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
