import "server-only";
// Who a request is and what it may do, for the two wrappers and the page helper: the session
// (better-auth's cookie) → the account → its role on the dataset the entry point names. A
// disabled account counts as signed out. Nothing here trusts a name or role the client sends.
import type { DbHandle } from "../db/client";
import { datasetRoleOf, reviewerForUser } from "../db/queries/accounts";
import { accountForToken } from "../db/queries/api-tokens";
import type { SessionSnapshot } from "../db/queries/session-lookup";
import type { Reviewer } from "../db/schema";
import { getDb } from "../db/server";
import { getAuth } from "./auth";
import { ASK_BETTER_AUTH, quickSession } from "./quick-session";
import { allows, datasetAccess, SITE_ROLES, type DatasetAccess, type DatasetRole, type Permission, type SiteRole } from "./roles";
import { bearerToken, hasBearer } from "./tokens";

export type Account = {
  id: string;
  email: string;
  name: string;
  role: SiteRole;
  /** Set when the request came with a read-only API token: it may not change anything. */
  isReadOnly?: boolean;
};

export type Actor = {
  account: Account;
  /** The reviewer row the account's decisions point at (created on first need). */
  reviewer: () => Promise<Reviewer>;
};

export class AccessError extends Error {
  constructor(
    public readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

export const SIGN_IN_NEEDED = "Sign in to use Ripe.";

const siteRole = (value: unknown): SiteRole => (SITE_ROLES.includes(value as SiteRole) ? (value as SiteRole) : "member");

/**
 * What the session lookup already read with the account (its reviewer row and dataset roles, as
 * of this request), so authorize() and the reviewer need no statement of their own.
 */
const prefetched = new WeakMap<Account, Pick<SessionSnapshot, "reviewer" | "roles">>();

/** The signed-in account of a request, or null (no session, an expired one, or a disabled account). */
export async function accountFrom(headers: Headers): Promise<Account | null> {
  const auth = await getAuth();
  const quick = await quickSession(auth, await getDb(), headers);
  if (quick !== ASK_BETTER_AUTH) {
    if (!quick || quick.user.disabled) return null;
    const { id, email, name, role } = quick.user;
    const account: Account = { id, email, name, role: siteRole(role) };
    prefetched.set(account, { reviewer: quick.reviewer, roles: quick.roles });
    return account;
  }
  const session = await auth.api.getSession({ headers });
  if (!session || session.user.disabled) return null;
  const { id, email, name, role } = session.user;
  return { id, email, name, role: siteRole(role) };
}

/**
 * For route handlers only (pages and server actions take the session cookie alone): a request with
 * `Authorization: Bearer ripe_…` acts as the token's owner, and a Bearer header that names no live
 * token is anonymous (it does not fall back to a cookie). Without the header, the session.
 */
export async function accountFromRequest(db: DbHandle, headers: Headers): Promise<Account | null> {
  if (!hasBearer(headers)) return accountFrom(headers);
  const token = bearerToken(headers);
  const found = token ? await accountForToken(db, token) : null;
  if (!found) return null;
  const { id, email, name, role } = found.user;
  return { id, email, name, role: siteRole(role), isReadOnly: found.isReadOnly };
}

export function actorFor(db: DbHandle, account: Account): Actor {
  const known = prefetched.get(account)?.reviewer;
  let reviewer: Promise<Reviewer> | undefined = known ? Promise.resolve(known) : undefined;
  return { account, reviewer: () => (reviewer ??= reviewerForUser(db, account)) };
}

const PERMISSION_WORDS: Record<Permission, string> = {
  read: "read this dataset",
  review: "review in this dataset",
  admin: "manage this dataset",
  "site-admin": "manage this site",
};

/** The account's role on the dataset, from the session lookup when it read the roles already. */
async function roleOn(db: DbHandle, account: Account, datasetId: number): Promise<DatasetRole | null> {
  const roles = prefetched.get(account)?.roles;
  return roles ? (roles.get(datasetId) ?? null) : datasetRoleOf(db, account.id, datasetId);
}

/** What the account may do on the dataset, for pages that show a control or a link only to those who may use it. */
export async function datasetPermissions(db: DbHandle, account: Account, datasetId: number): Promise<DatasetAccess> {
  return datasetAccess(account.role, await roleOn(db, account, datasetId));
}

/**
 * Throws AccessError unless the account holds the permission on the dataset (null: the entry point
 * names no dataset, which only a site admin may use). Anonymous → 401, no role → 403.
 */
export async function authorize(db: DbHandle, account: Account | null, permission: Permission, datasetId: number | null): Promise<void> {
  if (!account) throw new AccessError(401, SIGN_IN_NEEDED);
  const datasetRole = datasetId === null || permission === "site-admin" ? null : await roleOn(db, account, datasetId);
  if (!allows(account.role, datasetRole, permission)) {
    throw new AccessError(403, `Your account may not ${PERMISSION_WORDS[permission]}; ask an owner of the dataset for a role.`);
  }
}
