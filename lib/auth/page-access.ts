import "server-only";
// The same checks as the wrappers, for pages: no account → the sign-in page (or, on a site with
// no account yet, the first-start screen), no role → Next's 403 page.
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import type { DbHandle } from "../db/client";
import { countUsers } from "../db/queries/accounts";
import { getDb } from "../db/server";
import { AccessError, accountFrom, authorize, datasetPermissions, type Account } from "./access";
import { PATH_HEADER, signInPath } from "./paths";
import type { DatasetAccess, Permission } from "./roles";

/**
 * The request's account, looked up once per page render: the layout, generateMetadata and the
 * page each check access, and each used to look the session up again.
 */
const requestAccount = cache(async () => accountFrom(await headers()));

/** The signed-in account, or a redirect away from the page. */
export async function pageAccount(db?: DbHandle): Promise<Account> {
  const requestHeaders = await headers();
  const account = await requestAccount();
  if (account) return account;
  if ((await countUsers(db ?? (await getDb()))) === 0) redirect("/setup");
  redirect(signInPath(requestHeaders.get(PATH_HEADER)));
}

/** Redirects or shows 403 unless the signed-in account holds the permission (datasetId null: site-wide). */
export async function requirePageAccess(db: DbHandle, permission: Permission, datasetId: number | null): Promise<Account> {
  const account = await pageAccount(db);
  try {
    await authorize(db, account, permission, datasetId);
  } catch (error) {
    if (error instanceof AccessError) forbidden();
    throw error;
  }
  return account;
}

/**
 * What the signed-in account may do on the dataset (once per render: the page and its navigation
 * both ask), for showing only the controls and links it may use. Call after requirePageAccess.
 */
export const pageDatasetAccess = cache(async (datasetId: number): Promise<DatasetAccess> => {
  const db = await getDb();
  return datasetPermissions(db, await pageAccount(db), datasetId);
});
