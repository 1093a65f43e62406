import "server-only";
// Browse reads: a keyset page of candidates under the URL's filters and sort, neighbours of an
// item in that order (for j/k), the matching count, and facet counts for the sidebar.
// List queries never carry image bytes: thumbnails come from /api/images.
import type { BrowseFilters, Sort } from "../../browse/filters";
import type { DbHandle } from "../client";
import { buildFacetWhere, buildWhere, cursorCondition, decodeCursor, encodeCursor, orderFor, type Cursor } from "./browse-sql";
import type { BrowseItem, BrowsePage } from "../../browse/types";
export type { BrowseItem, BrowsePage };

type Row = Record<string, unknown>;

const PAGE_COLUMNS = `c.id, c.request_id, c.image_path, c.role, c.edit_type, c.group_name, c.is_known_type, c.judge_overall,
  c.judge_verdict, c.human_verdict, c.effective_verdict, c.review_count, c.is_disagreement, c.is_multi_turn, c.is_in_pair, c.is_identical_text`;

/** Unjudged items (overall -1) sort after every judged one in the uncertainty order. */
const UNJUDGED_DISTANCE = 10;

function toItem(row: Row): BrowseItem {
  const overall = Number(row.judge_overall);
  return {
    id: Number(row.id),
    requestId: Number(row.request_id),
    imagePath: String(row.image_path),
    role: String(row.role),
    editType: String(row.edit_type),
    groupName: String(row.group_name),
    isKnownType: Boolean(row.is_known_type),
    judgeOverall: overall < 0 ? null : overall,
    judgeVerdict: String(row.judge_verdict),
    humanVerdict: String(row.human_verdict),
    effectiveVerdict: String(row.effective_verdict),
    reviewCount: Number(row.review_count),
    isDisagreement: Boolean(row.is_disagreement),
    isMultiTurn: Boolean(row.is_multi_turn),
    isInPair: Boolean(row.is_in_pair),
    isIdenticalText: Boolean(row.is_identical_text),
    sourceImage: String(row.source_image),
    summarizedText: String(row.summarized_text),
    sessionId: row.session_id === null ? null : Number(row.session_id),
    turn: row.turn === null ? null : Number(row.turn),
  };
}

async function withRequests(db: DbHandle, rows: Row[]): Promise<BrowseItem[]> {
  if (rows.length === 0) return [];
  const requests = await db.query<Row>(
    "SELECT id, source_image, summarized_text, session_id, turn FROM requests WHERE id = ANY($1::bigint[])",
    [rows.map((row) => row.request_id)],
  );
  const byId = new Map(requests.map((request) => [Number(request.id), request]));
  return rows.map((row) => {
    const request = byId.get(Number(row.request_id)) ?? {};
    return toItem({
      ...row,
      source_image: request.source_image,
      summarized_text: request.summarized_text,
      session_id: request.session_id ?? null,
      turn: request.turn ?? null,
    });
  });
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
) {
  const { where, params, needsRequest } = buildWhere(datasetId, filters);
  const order = orderFor(sort, direction);
  if (cursor) where.push(cursorCondition(sort, order.op, cursor, params));
  const rows = await db.query<Row>(
    `SELECT ${PAGE_COLUMNS} FROM ${fromClause(needsRequest)} WHERE ${where.join(" AND ")} ORDER BY ${order.orderBy} LIMIT ${limit}`,
    params,
  );
  const last = rows.at(-1);
  const next = last
    ? order.value({ id: Number(last.id), judge_overall: Number(last.judge_overall), edit_type: String(last.edit_type) })
    : null;
  return { rows, next };
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
    const { where, params, needsRequest } = buildWhere(datasetId, filters);
    params.push(threshold);
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
    const rows = await db.query<Row>(
      `SELECT ${PAGE_COLUMNS}, ${distance} AS distance FROM ${fromClause(needsRequest)} WHERE ${where.join(" AND ")} ORDER BY ${orderBy} LIMIT ${limit}`,
      params,
    );
    return rows;
  };
  const sign = isForward ? 1 : -1;
  const compare = (a: Row, b: Row) => sign * (Number(a.distance) - Number(b.distance) || Number(a.id) - Number(b.id));
  let rows = [...(await query("above")), ...(await query("below"))].sort(compare).slice(0, limit);
  if (rows.length < limit) rows = [...rows, ...(await query("unjudged"))].sort(compare).slice(0, limit);
  const last = rows.at(-1);
  return { rows, next: last ? { v: Number(last.distance), i: Number(last.id) } : null };
}

export async function listCandidates(
  db: DbHandle,
  dataset: { id: number; threshold: number },
  filters: BrowseFilters,
  options: { cursor?: string | null; limit?: number; direction?: Direction } = {},
): Promise<BrowsePage> {
  const limit = Math.min(Math.max(options.limit ?? 60, 1), 200);
  const sort = filters.sort ?? "newest";
  const cursor = decodeCursor(options.cursor);
  const direction = options.direction ?? "forward";
  const { rows, next } =
    sort === "uncertainty"
      ? await uncertaintyPage(db, dataset.id, dataset.threshold, filters, cursor, limit, direction)
      : await simplePage(db, dataset.id, filters, sort, cursor, limit, direction);
  return { items: await withRequests(db, rows), nextCursor: rows.length === limit && next ? encodeCursor(next) : null };
}

/** The cursor that sits exactly at a candidate, so pages before/after it can be read (j/k). */
export async function cursorAt(db: DbHandle, dataset: { threshold: number }, candidateId: number, sort: Sort): Promise<string | null> {
  const [row] = await db.query<Row>("SELECT id, judge_overall, edit_type FROM candidates WHERE id = $1", [candidateId]);
  if (!row) return null;
  const overall = Number(row.judge_overall);
  if (sort === "uncertainty") {
    const distance = overall < 0 ? UNJUDGED_DISTANCE : Math.abs(overall - dataset.threshold);
    return encodeCursor({ v: distance, i: Number(row.id) });
  }
  return encodeCursor(orderFor(sort, "forward").value({ id: Number(row.id), judge_overall: overall, edit_type: String(row.edit_type) }));
}

export async function countCandidates(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<number> {
  const facet = buildFacetWhere(datasetId, filters);
  if (facet) {
    const [row] = await db.query<{ count: string | null }>(
      `SELECT sum(f.n) AS count FROM facet_counts f WHERE ${facet.where.join(" AND ")}`,
      facet.params,
    );
    return Number(row?.count ?? 0);
  }
  const { where, params, needsRequest } = buildWhere(datasetId, filters);
  const [row] = await db.query<{ count: string }>(
    `SELECT count(*) AS count FROM ${fromClause(needsRequest)} WHERE ${where.join(" AND ")}`,
    params,
  );
  return Number(row.count);
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
  const rows = facet ? await facetsFromCounts(db, facet) : await facetsFromCandidates(db, datasetId, filters);
  return rows.map((row) => ({
    editType: String(row.edit_type),
    groupName: String(row.group_name),
    isKnownType: Boolean(row.is_known_type),
    items: Number(row.items),
    reviewed: Number(row.reviewed),
    judged: Number(row.judged),
    judgePass: Number(row.judge_pass),
    bothLabelled: Number(row.both_labelled),
    disagreements: Number(row.disagreements),
  }));
}

/** From the trigger-maintained facet_counts: a few hundred rows whatever the dataset's size. */
function facetsFromCounts(db: DbHandle, facet: { where: string[]; params: unknown[] }): Promise<Row[]> {
  return db.query<Row>(
    `SELECT f.edit_type, f.group_name, bool_or(f.is_known_type) AS is_known_type, sum(f.n) AS items,
       coalesce(sum(f.n) FILTER (WHERE f.is_reviewed), 0) AS reviewed,
       coalesce(sum(f.n) FILTER (WHERE f.judge_verdict <> 'none'), 0) AS judged,
       coalesce(sum(f.n) FILTER (WHERE f.judge_verdict = 'pass'), 0) AS judge_pass,
       coalesce(sum(f.n) FILTER (WHERE f.judge_verdict <> 'none' AND f.human_verdict IN ('pass', 'fail')), 0) AS both_labelled,
       coalesce(sum(f.n) FILTER (WHERE f.is_disagreement), 0) AS disagreements
     FROM facet_counts f WHERE ${facet.where.join(" AND ")} GROUP BY f.edit_type, f.group_name HAVING sum(f.n) > 0`,
    facet.params,
  );
}

/** Score ranges and text search need the candidates themselves. */
function facetsFromCandidates(db: DbHandle, datasetId: number, filters: BrowseFilters): Promise<Row[]> {
  const { where, params, needsRequest } = buildWhere(datasetId, filters, { skipCategory: true });
  return db.query<Row>(
    `SELECT c.edit_type, c.group_name, bool_or(c.is_known_type) AS is_known_type, count(*) AS items,
       count(*) FILTER (WHERE c.review_count > 0) AS reviewed,
       count(*) FILTER (WHERE c.judge_verdict <> 'none') AS judged,
       count(*) FILTER (WHERE c.judge_verdict = 'pass') AS judge_pass,
       count(*) FILTER (WHERE c.judge_verdict <> 'none' AND c.human_verdict IN ('pass', 'fail')) AS both_labelled,
       count(*) FILTER (WHERE c.is_disagreement) AS disagreements
     FROM ${fromClause(needsRequest)} WHERE ${where.join(" AND ")} GROUP BY c.edit_type, c.group_name`,
    params,
  );
}
