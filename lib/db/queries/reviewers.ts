import "server-only";
import { eq } from "drizzle-orm";
import type { DbHandle } from "../client";
import { reviewers, type Reviewer } from "../schema";

export const REVIEWER_COOKIE = "ripe_reviewer";
export const DEFAULT_REVIEWER = "local";

/** The reviewer named by the cookie (created on first use), or the local default reviewer. */
export async function resolveReviewer(db: DbHandle, name: string | undefined): Promise<Reviewer> {
  const wanted = (name ?? "").trim() || DEFAULT_REVIEWER;
  const [existing] = await db.db.select().from(reviewers).where(eq(reviewers.name, wanted));
  if (existing) return existing;
  await db.db.insert(reviewers).values({ name: wanted }).onConflictDoNothing();
  const [created] = await db.db.select().from(reviewers).where(eq(reviewers.name, wanted));
  return created;
}

export async function listReviewers(db: DbHandle): Promise<Reviewer[]> {
  return db.db.select().from(reviewers).orderBy(reviewers.name);
}
