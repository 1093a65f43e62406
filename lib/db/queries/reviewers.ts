import "server-only";
// Reviewer rows: an account's (user_id set, made by reviewerForUser in ./accounts) or an external
// reviewer's, named by imported decision lines (user_id null). The two never mix: an imported name
// is matched only among external rows, so a decisions file whose `reviewer` is a colleague's email
// can't attach its lines to the colleague's account, and an account never adopts an external row.
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbHandle, SqlRunner } from "../client";
import { col, queryRows } from "../rows";
import { reviewers, type Reviewer } from "../schema";
export const MAX_REVIEWER_NAME = 64;

export function isValidReviewerName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_REVIEWER_NAME && !/[\u0000-\u001f\u007f]/.test(name);
}

/**
 * Names an imported reviewer may take, in order: its own, then marked as imported (an account's
 * row has its own name: the row names are unique), numbered past that. Each fits MAX_REVIEWER_NAME.
 */
export function importedReviewerNames(name: string): string[] {
  const marked = (suffix: string) => `${name.slice(0, MAX_REVIEWER_NAME - suffix.length)}${suffix}`;
  return [name, marked(" (imported)"), ...Array.from({ length: 20 }, (_, index) => marked(` (imported ${index + 2})`))];
}

const reviewerRow = z.object({ id: col.int, name: col.text, user_id: col.nullableText });

/** The external reviewer row for one imported name, created when missing; never an account's row. */
async function externalReviewerId(runner: Pick<SqlRunner, "query">, name: string): Promise<number> {
  for (const candidate of importedReviewerNames(name)) {
    await runner.query("INSERT INTO reviewers (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", [candidate]);
    const [row] = await queryRows(runner, reviewerRow, "SELECT id, name, user_id FROM reviewers WHERE name = $1", [candidate]);
    if (row && row.user_id === null) return row.id;
  }
  throw new Error(`No free reviewer name for the imported reviewer ${JSON.stringify(name)}`);
}

/**
 * Reviewer ids by name for imported decision lines, creating the external reviewers they name.
 * One statement for the common case (every name free or external already); a name an account's
 * row holds gets an external row of its own under a marked name.
 */
export async function importedReviewerIds(runner: Pick<SqlRunner, "query">, names: string[]): Promise<Map<string, number>> {
  await runner.query("INSERT INTO reviewers (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING", [names]);
  const rows = await queryRows(runner, reviewerRow, "SELECT id, name, user_id FROM reviewers WHERE name = ANY($1::text[])", [names]);
  const ids = new Map(rows.filter((row) => row.user_id === null).map((row) => [row.name, row.id]));
  for (const name of names) if (!ids.has(name)) ids.set(name, await externalReviewerId(runner, name));
  return ids;
}

/** Finds or creates an external reviewer by name (names are checked by the caller); never an account's row. */
export async function ensureReviewer(db: DbHandle, name: string): Promise<Reviewer> {
  const id = (await importedReviewerIds(db, [name])).get(name)!;
  const [row] = await db.db.select().from(reviewers).where(eq(reviewers.id, id));
  return row;
}

export async function listReviewers(db: DbHandle): Promise<Reviewer[]> {
  return db.db.select().from(reviewers).orderBy(reviewers.name);
}
