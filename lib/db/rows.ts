// Checked rows for hand-written SQL: every raw statement names the shape of its rows as a zod
// schema, and the rows are parsed against it, so a renamed column or a bigint that arrives as a
// string (node-postgres) fails loudly here instead of flowing on as a wrong type. Drizzle's query
// builder (typed from the schema) needs none of this; use it where it can say the statement.
import { z } from "zod";
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
  const rows = await runner.query<unknown>(text, params);
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

/** Column types as the two drivers return them: int8 and numeric arrive as strings on node-postgres. */
export const col = {
  int: z.coerce.number().int(),
  number: z.coerce.number(),
  nullableInt: z.coerce.number().int().nullable(),
  nullableNumber: z.coerce.number().nullable(),
  text: z.string(),
  nullableText: z.string().nullable(),
  bool: z.boolean(),
  date: z.coerce.date(),
};
