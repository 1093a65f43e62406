// SQL for browsing: one WHERE builder shared by the page, facet and neighbour queries, and the
// keyset ORDER BY / cursor conditions per sort. Every filter maps to an indexed column of
// candidates (denormalised), so a page at 400K rows is an index range scan, never an OFFSET.
// A text search's condition, in its three forms, comes from search-clause.ts.
import { z } from "zod";
import { MAX_ID } from "../../ids";
import type { BrowseFilters, Sort } from "../../browse/filters";
import { normalizeEditType } from "../../taxonomy";
import type { SqlRunner } from "../client";
import { typedWords, type Expansion } from "../../search/terms";
import { hasSearchBacklog } from "./search-index";
import { searchClause } from "./search-clause";
import { expandTyped } from "./search-words";

export type SqlParts = {
  where: string[];
  params: unknown[];
  needsRequest: boolean;
  /** The words condition of a text search served by the index (one of `where`), and its tsquery parameter. */
  words?: { clause: string; param: string };
};

export type WhereOptions = {
  skipCategory?: boolean;
  /** Some requests of the dataset may still lack their search words (datasets.search_backlog). */
  searchBacklog?: boolean;
  /** The stored words the typed ones stand for (expansionFor); without it each stays a prefix. */
  expansion?: Expansion;
};

export function buildWhere(datasetId: number, filters: BrowseFilters, options: WhereOptions = {}): SqlParts {
  const params: unknown[] = [datasetId];
  const where = ["c.dataset_id = $1"];
  const add = (clause: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (!options.skipCategory) {
    if (filters.type) add((p) => `c.edit_type = ${p}`, normalizeEditType(filters.type));
    else if (filters.group) add((p) => `c.group_name = ${p}`, filters.group);
  }
  if (filters.eff) add((p) => `c.effective_verdict = ${p}`, filters.eff);
  if (filters.judge) add((p) => `c.judge_verdict = ${p}`, filters.judge);
  if (filters.human) add((p) => `c.human_verdict = ${p}`, filters.human);
  if (filters.min !== undefined) add((p) => `c.judge_overall >= ${p}`, filters.min);
  if (filters.max !== undefined) {
    add((p) => `c.judge_overall <= ${p}`, filters.max);
    if (filters.min === undefined) where.push("c.judge_overall >= 0");
  }
  if (filters.dis) where.push(filters.dis === "1" ? "c.is_disagreement" : "NOT c.is_disagreement");
  if (filters.rev) where.push(filters.rev === "1" ? "c.review_count > 0" : "c.review_count = 0");
  if (filters.pair) where.push(filters.pair === "1" ? "c.is_in_pair" : "NOT c.is_in_pair");
  if (filters.mt) where.push(filters.mt === "1" ? "c.is_multi_turn" : "NOT c.is_multi_turn");
  if (filters.same) where.push(filters.same === "1" ? "c.is_identical_text" : "NOT c.is_identical_text");
  if (!filters.q) return { where, params, needsRequest: false };
  const { clause, needsRequest, words } = searchClause(filters.q, params, options.searchBacklog ?? false, options.expansion);
  where.push(clause);
  return words ? { where, params, needsRequest, words } : { where, params, needsRequest };
}

/**
 * Whether a text search must also cover requests still lacking their words: `known` when the
 * caller has it (a dataset row read for this request), else asked of the database; false without
 * a search. A page reads it once and builds each of its statements with it.
 */
export async function searchBacklogFor(
  db: Pick<SqlRunner, "query">,
  datasetId: number,
  filters: BrowseFilters,
  known?: boolean,
): Promise<boolean> {
  if (!filters.q) return false;
  return known ?? (await hasSearchBacklog(db, datasetId));
}

/** The stored words a text search's typed words stand for (none without a search): see queryOf. */
export async function expansionFor(db: Pick<SqlRunner, "query">, filters: BrowseFilters): Promise<Expansion | undefined> {
  return filters.q ? expandTyped(db, typedWords(filters.q)) : undefined;
}

/** buildWhere, with the search backlog and the typed words' expansion from the caller or the database. */
export async function whereFor(
  db: Pick<SqlRunner, "query">,
  datasetId: number,
  filters: BrowseFilters,
  options: WhereOptions = {},
): Promise<SqlParts> {
  const searchBacklog = await searchBacklogFor(db, datasetId, filters, options.searchBacklog);
  return buildWhere(datasetId, filters, { ...options, searchBacklog, expansion: options.expansion ?? (await expansionFor(db, filters)) });
}

/**
 * The same filters over facet_counts (f.*), when every filter is one of its dimensions; null when
 * a score range or text search needs the candidates themselves.
 */
export function buildFacetWhere(
  datasetId: number,
  filters: BrowseFilters,
  options: { skipCategory?: boolean } = {},
): { where: string[]; params: unknown[] } | null {
  if (filters.q || filters.min !== undefined || filters.max !== undefined) return null;
  const params: unknown[] = [datasetId];
  const where = ["f.dataset_id = $1"];
  const add = (clause: (placeholder: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (!options.skipCategory) {
    if (filters.type) add((p) => `f.edit_type = ${p}`, normalizeEditType(filters.type));
    else if (filters.group) add((p) => `f.group_name = ${p}`, filters.group);
  }
  if (filters.eff) add((p) => `f.effective_verdict = ${p}`, filters.eff);
  if (filters.judge) add((p) => `f.judge_verdict = ${p}`, filters.judge);
  if (filters.human) add((p) => `f.human_verdict = ${p}`, filters.human);
  const flags: [BrowseFilters["dis"], string][] = [
    [filters.dis, "f.is_disagreement"],
    [filters.rev, "f.is_reviewed"],
    [filters.pair, "f.is_in_pair"],
    [filters.mt, "f.is_multi_turn"],
    [filters.same, "f.is_identical_text"],
  ];
  for (const [value, column] of flags) if (value) where.push(value === "1" ? column : `NOT ${column}`);
  return { where, params };
}

export const cursorSchema = z.object({
  v: z.number().finite(),
  i: z.number().int().min(0).max(MAX_ID),
  s: z.string().max(300).optional(),
  side: z.enum(["above", "below"]).optional(),
});
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (!value) return null;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
  } catch {
    return null;
  }
}

type Direction = "forward" | "backward";

/** ORDER BY and the keyset condition for a (non-uncertainty) sort, in either direction. */
export function orderFor(sort: Exclude<Sort, "uncertainty">, direction: Direction) {
  const flip = direction === "backward";
  switch (sort) {
    case "score_desc":
      return {
        orderBy: flip ? "c.judge_overall ASC, c.id ASC" : "c.judge_overall DESC, c.id DESC",
        op: flip ? ">" : "<",
        key: "(c.judge_overall, c.id)",
        value: (row: KeyRow) => ({ v: row.judge_overall, i: row.id }),
      };
    case "score_asc":
      return {
        orderBy: flip ? "c.judge_overall DESC, c.id DESC" : "c.judge_overall ASC, c.id ASC",
        op: flip ? "<" : ">",
        key: "(c.judge_overall, c.id)",
        value: (row: KeyRow) => ({ v: row.judge_overall, i: row.id }),
      };
    case "newest":
      return { orderBy: flip ? "c.id ASC" : "c.id DESC", op: flip ? ">" : "<", key: "c.id", value: (row: KeyRow) => ({ v: 0, i: row.id }) };
    case "type":
      return {
        orderBy: flip ? "c.edit_type DESC, c.id DESC" : "c.edit_type ASC, c.id ASC",
        op: flip ? "<" : ">",
        key: "(c.edit_type, c.id)",
        value: (row: KeyRow) => ({ v: 0, i: row.id, s: row.edit_type }),
      };
  }
}

export type KeyRow = { id: number; judge_overall: number; edit_type: string };

export function cursorCondition(sort: Exclude<Sort, "uncertainty">, op: string, cursor: Cursor, params: unknown[]): string {
  if (sort === "newest") {
    params.push(cursor.i);
    return `c.id ${op} $${params.length}`;
  }
  if (sort === "type") {
    params.push(cursor.s ?? "", cursor.i);
    return `(c.edit_type, c.id) ${op} ($${params.length - 1}, $${params.length})`;
  }
  params.push(cursor.v, cursor.i);
  return `(c.judge_overall, c.id) ${op} ($${params.length - 1}::float8, $${params.length})`;
}
