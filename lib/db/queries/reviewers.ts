import "server-only";
import { eq } from "drizzle-orm";
import type { DbHandle } from "../client";
import { reviewers, type Reviewer } from "../schema";
export const MAX_REVIEWER_NAME = 64;

export function isValidReviewerName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_REVIEWER_NAME && !/[\u0000-\u001f\u007f]/.test(name);
}

/** Finds or creates a reviewer by name: an external reviewer of imported decisions (names are checked by the caller). */
export async function ensureReviewer(db: DbHandle, name: string): Promise<Reviewer> {
  const [existing] = await db.db.select().from(reviewers).where(eq(reviewers.name, name));
  if (existing) return existing;
  await db.db.insert(reviewers).values({ name }).onConflictDoNothing();
  const [created] = await db.db.select().from(reviewers).where(eq(reviewers.name, name));
  return created;
}

export async function listReviewers(db: DbHandle): Promise<Reviewer[]> {
  return db.db.select().from(reviewers).orderBy(reviewers.name);
}
