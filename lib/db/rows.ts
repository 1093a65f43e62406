// Checked rows for hand-written SQL: every raw statement names the shape of its rows as a zod
// schema, and the rows are parsed against it, so a renamed column or a bigint that arrives as a
// string (node-postgres) fails loudly here instead of flowing on as a wrong type. Drizzle's query
// builder (typed from the schema) needs none of this; use it where it can say the statement.
import { z } from "zod";
import { CANDIDATE_ROLES, MANIFEST_KINDS, OUTCOMES, PAIR_LABELS, PAIR_ORIGINS, REASON_TAGS, VERDICTS } from "./schema";
import type { SqlRunner } from "./client";

export class RowShapeError extends Error {
  constructor(statement: string, issue: z.ZodError) {
    const first = issue.issues[0];
    super(
      `Rows of "${statement.replace(/\s+/g, " ").slice(0, 80)}…" do not match their schema at ${first?.path.join(".")}: ${first?.message}`,
    );
    this.name = "RowShapeError";
  }
}

/** Runs a statement and returns its rows parsed by `row`. */
export async function queryRows<S extends z.ZodType>(
  runner: Pick<SqlRunner, "query">,
  row: S,
  text: string,
  params: unknown[] = [],
): Promise<z.output<S>[]> {
  const rows = await runner.query(text, params);
  const parsed = z.array(row).safeParse(rows);
  if (!parsed.success) throw new RowShapeError(text, parsed.error);
  return parsed.data;
}

/** The one row of a statement that returns exactly one (an aggregate, a RETURNING of one insert). */
export async function queryOne<S extends z.ZodType>(runner: Pick<SqlRunner, "query">, row: S, text: string, params: unknown[] = []) {
  const [first] = await queryRows(runner, row, text, params);
  if (first === undefined) throw new Error(`Expected one row from "${text.replace(/\s+/g, " ").slice(0, 80)}…", got none`);
  return first;
}

/** Runs a statement whose rows, if any, are not read (DDL, UPDATE, a lock). */
export async function execute(runner: Pick<SqlRunner, "query">, text: string, params: unknown[] = []): Promise<void> {
  await runner.query(text, params);
}

/** Column types as the two drivers return them: int8 and numeric arrive as strings on node-postgres. */
export const col = {
  int: z.coerce.number().int(),
  number: z.coerce.number(),
  nullableInt: z.coerce.number().int().nullable(),
  /** An int8 kept exact as decimal text (line hashes use all 64 bits). */
  int8Text: z.union([z.string(), z.bigint(), z.number().int()]).transform(String),
  nullableNumber: z.coerce.number().nullable(),
  text: z.string(),
  nullableText: z.string().nullable(),
  bool: z.boolean(),
  nullableBool: z.boolean().nullable(),
  date: z.coerce.date(),
  nullableDate: z.coerce.date().nullable(),
  textArray: z.array(z.string()),
  json: z.unknown(),
  outcome: z.enum(OUTCOMES),
  prior: z.enum(["pass", "fail", "none"]),
  role: z.enum(CANDIDATE_ROLES),
  manifestKind: z.enum(MANIFEST_KINDS),
  verdict: z.enum(VERDICTS),
  reasonTags: z.array(z.enum(REASON_TAGS)),
  pairLabel: z.enum(PAIR_LABELS),
  pairOrigin: z.enum(PAIR_ORIGINS),
};

/**
 * A row schema for a statement that selects a joined table twice under dotted names
 * (`ca.id AS "a.id"`): the columns `a.x` are moved into an object `a` before the row is checked
 * against `schema`, which declares `a` as an object of its own.
 */
export function nested<S extends z.ZodType>(schema: S) {
  return z.preprocess((raw) => {
    if (typeof raw !== "object" || raw === null) return raw;
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const dot = key.indexOf(".");
      if (dot < 0) {
        row[key] = value;
        continue;
      }
      const group = key.slice(0, dot);
      const inner = row[group];
      if (typeof inner === "object" && inner !== null) Object.assign(inner, { [key.slice(dot + 1)]: value });
      else row[group] = { [key.slice(dot + 1)]: value };
    }
    return row;
  }, schema);
}
