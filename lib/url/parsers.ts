// nuqs parsers for the values Ripe keeps in URLs, bounded so that a hand-edited or hostile link
// (unknown word, huge number, 10 000 characters, a repeated key) parses to "absent" — the page
// then uses its default — and never reaches the database as a value it would reject.
// Each URL parameter set (browse filters, audit slice, pair list, pair queue) is one parser map
// built from these: the server page reads it with createLoader, links are written with
// createSerializer, and client controls set it with useQueryStates.
import { createParser, parseAsStringLiteral, type inferParserType, type ParserMap, type SearchParams } from "nuqs/server";
import type { z } from "zod";
import { MAX_ID } from "../ids";

export { parseAsStringLiteral };

/** Text up to `max` characters; empty (after trimming, when `trim`) counts as absent. */
export function parseAsText(max: number, { trim = false }: { trim?: boolean } = {}) {
  return createParser<string>({
    parse: (raw) => {
      const value = trim ? raw.trim() : raw;
      return value === "" || value.length > max ? null : value;
    },
    serialize: (value) => value,
  });
}

/** A decimal number in [min, max] ("1e3", "Infinity" and "0x10" are not); whole when `isInteger`. */
export function parseAsBoundedNumber(min: number, max: number, { isInteger = false }: { isInteger?: boolean } = {}) {
  return createParser<number>({
    parse: (raw) => {
      if (!(isInteger ? /^-?\d+$/ : /^-?(\d+\.?\d*|\.\d+)$/).test(raw.trim())) return null;
      const value = Number(raw);
      return value >= min && value <= max ? value : null;
    },
    serialize: (value) => String(value),
  });
}

/** A database id: a positive whole number that fits an int4 column. */
export const parseAsId = createParser<number>({
  parse: (raw) => (/^[1-9]\d{0,9}$/.test(raw.trim()) && Number(raw) <= MAX_ID ? Number(raw) : null),
  serialize: (value) => String(value),
});

/** Comma-separated ids (bad ones dropped, at most `limit`); an empty list is absent. */
export function parseAsIdList(limit: number) {
  return createParser<number[]>({
    parse: (raw) => {
      const ids = raw
        .split(",")
        .map((part) => parseAsId.parse(part))
        .filter((id): id is number => id !== null)
        .slice(0, limit);
      return ids.length ? ids : null;
    },
    serialize: (ids) => ids.join(","),
    eq: (a, b) => a.length === b.length && a.every((id, index) => id === b[index]),
  });
}

/** A value checked by a zod field (where the same rule also serves a CLI flag with its message). */
export function parseAsZod<T extends string | number>(schema: z.ZodType<T | undefined>) {
  return createParser<T>({
    parse: (raw) => {
      const result = schema.safeParse(raw);
      return result.success && result.data !== undefined ? result.data : null;
    },
    serialize: (value) => String(value),
  });
}

/** A three-way toggle kept as "1" (only), "0" (exclude) or absent (either). */
export const parseAsFlag = parseAsStringLiteral(["1", "0"] as const);

/** A calendar day, YYYY-MM-DD, that exists. */
export const parseAsIsoDay = createParser<string>({
  parse: (raw) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
    const day = new Date(`${raw}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(raw) ? raw : null;
  },
  serialize: (value) => value,
});

/** A parser map's values with absent keys left out (the form queries and the UI use). */
export type UrlState<P extends ParserMap> = { [K in keyof P]?: NonNullable<inferParserType<P[K]>> };

/** What pages and route handlers hand to a loader: Next's searchParams record or a URLSearchParams. */
export type SearchInput = URLSearchParams | SearchParams;

/** Drops absent (null) values, so callers keep optional fields: `{ eff: "pass" }`, not `{ eff: "pass", judge: null, … }`. */
export function withoutNulls<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], null>;
  };
}

/** A change for useQueryStates' setter: a key set to undefined is removed from the URL (null). */
export function toUrlUpdate<T extends Record<string, unknown>>(change: T): { [K in keyof T]: Exclude<T[K], undefined> | null } {
  return Object.fromEntries(Object.entries(change).map(([key, value]) => [key, value === undefined ? null : value])) as {
    [K in keyof T]: Exclude<T[K], undefined> | null;
  };
}
