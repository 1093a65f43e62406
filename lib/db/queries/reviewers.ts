import "server-only";
import { eq } from "drizzle-orm";
import type { DbHandle } from "../client";
import { reviewers, type Reviewer } from "../schema";
import { DEFAULT_REVIEWER, REVIEWER_COOKIE } from "../../review/reviewer-cookie";

export { DEFAULT_REVIEWER, REVIEWER_COOKIE };
export const MAX_REVIEWER_NAME = 64;

export function isValidReviewerName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_REVIEWER_NAME && !/[\u0000-\u001f\u007f]/.test(name);
}

/** Finds or creates a reviewer by name (names are checked by the caller's schema). */
export async function ensureReviewer(db: DbHandle, name: string): Promise<Reviewer> {
  const [existing] = await db.db.select().from(reviewers).where(eq(reviewers.name, name));
  if (existing) return existing;
  await db.db.insert(reviewers).values({ name }).onConflictDoNothing();
  const [created] = await db.db.select().from(reviewers).where(eq(reviewers.name, name));
  return created;
}

/**
 * The reviewer the cookie names, if that reviewer exists; otherwise the local default. A cookie
 * never creates a reviewer (only the reviewer switcher does, through its validated action), so a
 * forged cookie can't fill the table with names of any length.
 */
export async function resolveReviewer(db: DbHandle, name: string | undefined): Promise<Reviewer> {
  const wanted = (name ?? "").trim();
  if (wanted && wanted !== DEFAULT_REVIEWER && isValidReviewerName(wanted)) {
    const [existing] = await db.db.select().from(reviewers).where(eq(reviewers.name, wanted));
    if (existing) return existing;
  }
  return ensureReviewer(db, DEFAULT_REVIEWER);
}

export async function listReviewers(db: DbHandle): Promise<Reviewer[]> {
  return db.db.select().from(reviewers).orderBy(reviewers.name);
}
