import "server-only";
// Invites by link: an admin names an email and a dataset role, Ripe makes a one-time link
// (/invite/<secret>, 7 days) to hand over by hand — there is no mail server. Only the secret's
// sha256 is kept; taking an invite is one UPDATE … WHERE used_at IS NULL, so a link works once.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import type { DatasetRole } from "../../auth/roles";
import { hashToken, newToken } from "../../auth/tokens";
import type { DbHandle } from "../client";
import { datasets, invites, type Invite } from "../schema";

export const INVITE_DAYS = 7;

export async function createInvite(
  db: DbHandle,
  input: { email: string; datasetId: number; role: DatasetRole; createdBy: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newToken();
  const expiresAt = new Date(Date.now() + INVITE_DAYS * 24 * 60 * 60 * 1000);
  await db.db.insert(invites).values({ ...input, email: input.email.trim().toLowerCase(), tokenHash: hash, expiresAt });
  return { token, expiresAt };
}

export type LiveInvite = Invite & { datasetName: string };

/** The invite a link names, if it is unused and unexpired. */
export async function findLiveInvite(db: DbHandle, token: string): Promise<LiveInvite | null> {
  const [row] = await db.db
    .select({ invite: invites, datasetName: datasets.name })
    .from(invites)
    .innerJoin(datasets, eq(datasets.id, invites.datasetId))
    .where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), gt(invites.expiresAt, new Date())));
  return row ? { ...row.invite, datasetName: row.datasetName } : null;
}

/** Marks the invite used; null when another request took it first (or it expired meanwhile). */
export async function takeInvite(db: DbHandle, id: number): Promise<Invite | null> {
  const [row] = await db.db
    .update(invites)
    .set({ usedAt: new Date() })
    .where(and(eq(invites.id, id), isNull(invites.usedAt), gt(invites.expiresAt, new Date())))
    .returning();
  return row ?? null;
}

/** Gives a taken invite back (the account could not be created), so the link still works. */
export async function releaseInvite(db: DbHandle, id: number): Promise<void> {
  await db.db.update(invites).set({ usedAt: null }).where(eq(invites.id, id));
}

export type InviteView = { id: number; email: string; role: DatasetRole; expiresAt: Date; state: "open" | "used" | "expired" };

export async function listInvites(db: DbHandle, datasetId: number): Promise<InviteView[]> {
  const rows = await db.db
    .select({ id: invites.id, email: invites.email, role: invites.role, expiresAt: invites.expiresAt, usedAt: invites.usedAt })
    .from(invites)
    .where(eq(invites.datasetId, datasetId))
    .orderBy(desc(invites.createdAt))
    .limit(50);
  const now = Date.now();
  return rows.map(({ usedAt, ...invite }) => ({
    ...invite,
    state: usedAt ? "used" : invite.expiresAt.getTime() <= now ? "expired" : "open",
  }));
}
