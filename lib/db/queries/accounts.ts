import "server-only";
// Accounts as Ripe sees them: how many exist (first start), each one's reviewer row, its role on
// a dataset, and the operator's list/disable. Password hashing and sessions stay better-auth's.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { DatasetRole } from "../../auth/roles";
import type { DbHandle } from "../client";
import { authSessions, authUsers, datasetMembers, datasets, reviewers, type AuthUser, type Reviewer } from "../schema";
import { MAX_REVIEWER_NAME } from "./reviewers";

export async function countUsers(db: DbHandle): Promise<number> {
  const [row] = await db.db.select({ value: count() }).from(authUsers);
  return Number(row?.value ?? 0);
}

export async function findUserByEmail(db: DbHandle, email: string): Promise<AuthUser | undefined> {
  return db.db.query.authUsers.findFirst({ where: eq(authUsers.email, email.trim().toLowerCase()) });
}

export async function listUsers(db: DbHandle): Promise<AuthUser[]> {
  return db.db.select().from(authUsers).orderBy(asc(authUsers.createdAt), asc(authUsers.email));
}

/** Disables (or re-enables) an account; disabling also ends all its sessions. */
export async function setUserDisabled(db: DbHandle, userId: string, isDisabled: boolean): Promise<void> {
  await db.db.update(authUsers).set({ disabled: isDisabled, updatedAt: new Date() }).where(eq(authUsers.id, userId));
  if (isDisabled) await db.db.delete(authSessions).where(eq(authSessions.userId, userId));
}

/** The account's role on a dataset, or null if it is no member (site roles are the caller's). */
export async function datasetRoleOf(db: DbHandle, userId: string, datasetId: number): Promise<DatasetRole | null> {
  const [row] = await db.db
    .select({ role: datasetMembers.role })
    .from(datasetMembers)
    .where(and(eq(datasetMembers.userId, userId), eq(datasetMembers.datasetId, datasetId)));
  return row?.role ?? null;
}

/** The account's role on each dataset it is a member of (the home page links by role). */
export async function memberDatasetRoles(db: DbHandle, userId: string): Promise<Map<number, DatasetRole>> {
  const rows = await db.db
    .select({ id: datasetMembers.datasetId, role: datasetMembers.role })
    .from(datasetMembers)
    .where(eq(datasetMembers.userId, userId));
  return new Map(rows.map((row) => [row.id, row.role]));
}

/** Dataset ids the account is a member of (for lists a member may only partly read). */
export async function memberDatasetIds(db: DbHandle, userId: string): Promise<Set<number>> {
  const rows = await db.db.select({ id: datasetMembers.datasetId }).from(datasetMembers).where(eq(datasetMembers.userId, userId));
  return new Set(rows.map((row) => row.id));
}

export async function setDatasetRole(db: DbHandle, datasetId: number, userId: string, role: DatasetRole | null): Promise<void> {
  if (role === null) {
    await db.db.delete(datasetMembers).where(and(eq(datasetMembers.datasetId, datasetId), eq(datasetMembers.userId, userId)));
    return;
  }
  await db.db
    .insert(datasetMembers)
    .values({ datasetId, userId, role })
    .onConflictDoUpdate({ target: [datasetMembers.datasetId, datasetMembers.userId], set: { role } });
}

/** Candidate names for an account's reviewer row: its email, then numbered if an external reviewer has it. */
function reviewerNames(user: Pick<AuthUser, "email" | "name">): string[] {
  const base = (user.email || user.name).slice(0, MAX_REVIEWER_NAME - 4);
  return [base, ...Array.from({ length: 20 }, (_, index) => `${base} #${index + 2}`)];
}

/**
 * The reviewer row an account's decisions point at, created on its first need. Never reuses a
 * row without a user (an external reviewer from imported decisions keeps its own history).
 */
export async function reviewerForUser(db: DbHandle, user: Pick<AuthUser, "id" | "email" | "name">): Promise<Reviewer> {
  const [linked] = await db.db.select().from(reviewers).where(eq(reviewers.userId, user.id));
  if (linked) return linked;
  const names = reviewerNames(user);
  for (const name of names) {
    await db.db.insert(reviewers).values({ name, userId: user.id }).onConflictDoNothing();
    const [row] = await db.db.select().from(reviewers).where(eq(reviewers.userId, user.id));
    if (row) return row;
  }
  const taken = await db.db.select({ name: reviewers.name }).from(reviewers).where(inArray(reviewers.name, names));
  throw new Error(`No free reviewer name for ${user.email} (${taken.length} taken)`);
}

export type DatasetMemberView = { email: string; name: string; role: DatasetRole };

export async function listDatasetMembers(db: DbHandle, datasetId: number): Promise<DatasetMemberView[]> {
  return db.db
    .select({ email: authUsers.email, name: authUsers.name, role: datasetMembers.role })
    .from(datasetMembers)
    .innerJoin(authUsers, eq(authUsers.id, datasetMembers.userId))
    .where(eq(datasetMembers.datasetId, datasetId))
    .orderBy(asc(authUsers.email));
}

export type MembershipView = { userId: string; datasetId: number; datasetName: string; role: DatasetRole };

/** Every dataset role of every account, for the site's accounts page. */
export async function listMemberships(db: DbHandle): Promise<MembershipView[]> {
  return db.db
    .select({ userId: datasetMembers.userId, datasetId: datasets.id, datasetName: datasets.name, role: datasetMembers.role })
    .from(datasetMembers)
    .innerJoin(datasets, eq(datasets.id, datasetMembers.datasetId))
    .orderBy(asc(datasets.name));
}
