import "server-only";
// Personal API tokens: create (the caller gets the secret once), list, revoke, and resolve a
// Bearer token to its account — only an unrevoked, unexpired token of an enabled account resolves.
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { TOKEN_DAYS_DEFAULT, tokenDaysSchema, tokenExpiry } from "../../auth/token-expiry";
import { hashToken, newToken } from "../../auth/tokens";
import type { DbHandle } from "../client";
import { apiTokens, authUsers, type AuthUser } from "../schema";

export const MAX_TOKEN_NAME = 100;

export type TokenView = {
  id: number;
  name: string;
  hint: string;
  isReadOnly: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  /** By the database's clock, the one accountForToken checks against. */
  isExpired: boolean;
};

/** A new token for the account, living `days` (default 90, at most 365): the secret is in this answer only. */
export async function createApiToken(
  db: DbHandle,
  userId: string,
  options: { name: string; isReadOnly: boolean; days?: number },
): Promise<{ id: number; token: string; expiresAt: Date }> {
  const days = tokenDaysSchema.parse(options.days ?? TOKEN_DAYS_DEFAULT);
  const { token, hash, hint } = newToken();
  const [row] = await db.db
    .insert(apiTokens)
    .values({
      userId,
      name: options.name.trim().slice(0, MAX_TOKEN_NAME) || "token",
      tokenHash: hash,
      hint,
      isReadOnly: options.isReadOnly,
      expiresAt: tokenExpiry(days),
    })
    .returning({ id: apiTokens.id, expiresAt: apiTokens.expiresAt });
  return { id: row.id, token, expiresAt: row.expiresAt };
}

export async function listApiTokens(db: DbHandle, userId: string): Promise<TokenView[]> {
  return db.db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      hint: apiTokens.hint,
      isReadOnly: apiTokens.isReadOnly,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      expiresAt: apiTokens.expiresAt,
      isExpired: sql<boolean>`${apiTokens.expiresAt} <= now()`.mapWith(Boolean),
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the account's own tokens; false when it has no such live token. */
export async function revokeApiToken(db: DbHandle, userId: string, tokenId: number): Promise<{ name: string } | null> {
  const [row] = await db.db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ name: apiTokens.name });
  return row ?? null;
}

/** The account a token acts for (null: unknown, revoked, expired, or the account is disabled), and notes its use. */
export async function accountForToken(db: DbHandle, token: string): Promise<{ user: AuthUser; isReadOnly: boolean } | null> {
  const [row] = await db.db
    .select({ user: authUsers, tokenId: apiTokens.id, isReadOnly: apiTokens.isReadOnly })
    .from(apiTokens)
    .innerJoin(authUsers, eq(authUsers.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql`now()`),
        eq(authUsers.disabled, false),
      ),
    );
  if (!row) return null;
  await db.db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  return { user: row.user, isReadOnly: row.isReadOnly };
}
