import "server-only";
// Accounts as Ripe sees them: how many exist (first start), each one's reviewer row, its role on
// a dataset, and the operator's list/disable. Password hashing and sessions stay better-auth's.
// The two changes that could leave nobody to administer — disabling an account (the last active
// site admin) and changing a role on a dataset (its last active owner, or an owner lowering their
// own role) — are checked and done in one transaction with the rows they count locked (FOR
// UPDATE), so two admins disabling each other at the same moment can't both win. Every entry
// point (server actions, the HTTP API, the CLI, invites) comes through them.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { isSiteAdmin, type DatasetRole, type SiteRole } from "../../auth/roles";
import type { DbHandle } from "../client";
import { authUsers, datasetMembers, datasets, reviewers, type AuthUser, type Reviewer } from "../schema";
import { col, execute, queryRows } from "../rows";
import { MAX_REVIEWER_NAME } from "./reviewers";

/** A change refused because it would lock people out; the message says what to do instead. */
export class LockOutError extends Error {}

/** Who asks for a dataset role change (null: the operator's CLI, which has no account). */
export type RoleChanger = { id: string; role: SiteRole } | null;

/** Disables (or re-enables) an account; disabling ends all its sessions and refuses the last active site admin. */
export async function setUserDisabled(db: DbHandle, userId: string, isDisabled: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    if (isDisabled) {
      const admins = await queryRows(
        tx,
        z.object({ id: col.text, email: col.text, disabled: col.bool }),
        "SELECT id, email, disabled FROM auth_users WHERE role IN ('owner', 'admin') ORDER BY id FOR UPDATE",
      );
      const target = admins.find((admin) => admin.id === userId);
      if (target && !target.disabled && !admins.some((admin) => admin.id !== userId && !admin.disabled)) {
        throw new LockOutError(
          `${target.email} is the only active site admin: disabling it would leave nobody to manage accounts. Enable or create another site admin first.`,
        );
      }
    }
    await execute(tx, "UPDATE auth_users SET disabled = $2, updated_at = now() WHERE id = $1", [userId, isDisabled]);
    if (isDisabled) await execute(tx, "DELETE FROM auth_sessions WHERE user_id = $1", [userId]);
  });
}

/**
 * Gives an account a role on a dataset (null removes it). Refused: an owner lowering their own
 * role (a site admin may: it stays owner of every dataset), and demoting or removing the
 * dataset's last active owner.
 */
export async function setDatasetRole(
  db: DbHandle,
  datasetId: number,
  userId: string,
  role: DatasetRole | null,
  by: RoleChanger = null,
): Promise<void> {
  await db.transaction(async (tx) => {
    const owners = await queryRows(
      tx,
      z.object({ user_id: col.text, email: col.text, disabled: col.bool }),
      `SELECT m.user_id, u.email, u.disabled FROM dataset_members m JOIN auth_users u ON u.id = m.user_id
       WHERE m.dataset_id = $1 AND m.role = 'owner' ORDER BY m.user_id FOR UPDATE OF m`,
      [datasetId],
    );
    const target = owners.find((owner) => owner.user_id === userId);
    if (target && role !== "owner") {
      if (by && by.id === userId && !isSiteAdmin(by.role)) {
        throw new LockOutError("You can't lower your own role on this dataset: another owner of it, or a site admin, can.");
      }
      if (!target.disabled && !owners.some((owner) => owner.user_id !== userId && !owner.disabled)) {
        throw new LockOutError(`${target.email} is the last active owner of this dataset: give another account the owner role first.`);
      }
    }
    if (role === null) {
      await execute(tx, "DELETE FROM dataset_members WHERE dataset_id = $1 AND user_id = $2", [datasetId, userId]);
      return;
    }
    await execute(
      tx,
      `INSERT INTO dataset_members (dataset_id, user_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (dataset_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [datasetId, userId, role],
    );
  });
}

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
