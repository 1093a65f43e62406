import "server-only";
// The one wrapper every server action goes through: parses input with zod (an action is a public
// endpoint), checks the permission the action declares (anonymous → 401, no role on the dataset →
// 403) before the handler runs, resolves the signed-in account's reviewer, and returns
// { ok, data } | { ok, error } — never throws to the UI, and never hands a database message to
// the browser (unexpected errors are logged instead).
import { headers } from "next/headers";
import { z } from "zod";
import { AccessError, accountFrom, actorFor, authorize, SIGN_IN_NEEDED, type Account } from "../auth/access";
import type { DatasetPermission } from "../auth/roles";
import type { DbHandle } from "../db/client";
import type { Reviewer } from "../db/schema";
import { getDb } from "../db/server";
import { dbId } from "../ids";

export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string>; status?: 401 | 403 };

/** An error whose message is meant for the person (what went wrong and what to do). */
export class ActionError extends Error {}

export type ActionContext = { db: DbHandle; reviewer: Reviewer; account: Account };

/** The dataset an input names, for actions whose input has no datasetId (null: none, site admins only). */
type DatasetResolver<I> = (input: I, db: DbHandle) => Promise<number | null> | number | null;

/**
 * What the action needs. Dataset permissions read the dataset from `input.datasetId` unless a
 * resolver says where it is (an action that names a job or an import instead).
 */
type ScopedAccess<I> =
  | { permission: "site-admin" }
  | { permission: DatasetPermission; dataset: DatasetResolver<I> }
  | (I extends { datasetId: number } ? { permission: DatasetPermission } : never);

/** Or any signed-in account, acting on its own things only (its API tokens): the handler scopes by context.account. */
export type ActionAccess<I> = ScopedAccess<I> | { permission: "self" };

function invalid(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[issue.path.join(".") || "(input)"] = issue.message;
  const summary = Object.entries(fieldErrors)
    .map(([field, message]) => `${field}: ${message}`)
    .join("; ");
  return { ok: false, error: `Invalid input — ${summary}`, fieldErrors };
}

function failed(error: unknown): ActionResult<never> {
  if (error instanceof AccessError) return { ok: false, error: error.message, status: error.status };
  if (error instanceof ActionError) return { ok: false, error: error.message };
  console.error("server action failed", error);
  return {
    ok: false,
    error: "The server could not save this (the details are in its log); try again, and tell the operator if it keeps failing.",
  };
}

/**
 * The dataset to check before the input is parsed in full, for actions that read it from
 * input.datasetId: a caller without the role learns nothing about the rest of the schema.
 * Undefined: decide after parsing (a resolver, or a datasetId that is not a valid id).
 */
function earlyDataset<I>(access: ScopedAccess<I>, input: unknown): number | null | undefined {
  if (access.permission === "site-admin") return null;
  if ("dataset" in access) return undefined;
  const id = dbId.safeParse((input as { datasetId?: unknown } | null)?.datasetId);
  return id.success ? id.data : undefined;
}

function datasetOf<I>(access: ScopedAccess<I>, input: I, db: DbHandle) {
  if (access.permission === "site-admin") return null;
  if ("dataset" in access) return access.dataset(input, db);
  return (input as { datasetId: number }).datasetId;
}

export function action<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, context: ActionContext) => Promise<T>,
  access: ActionAccess<z.infer<S>>,
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    try {
      // Who first: an anonymous caller learns nothing, not even which fields are wrong.
      const db = await getDb();
      const account = await accountFrom(await headers());
      if (!account) throw new AccessError(401, SIGN_IN_NEEDED);
      const scoped = access.permission === "self" ? null : (access as ScopedAccess<z.infer<S>>);
      const early = scoped ? earlyDataset(scoped, input) : null;
      if (scoped && early !== undefined) await authorize(db, account, scoped.permission, early);
      const parsed = schema.safeParse(input);
      if (!parsed.success) return invalid(parsed.error);
      if (scoped && early === undefined) await authorize(db, account, scoped.permission, await datasetOf(scoped, parsed.data, db));
      const reviewer = await actorFor(db, account).reviewer();
      return { ok: true, data: await handler(parsed.data, { db, reviewer, account }) };
    } catch (error) {
      return failed(error);
    }
  };
}

/** For the few actions anyone may call (creating the first account): input checked, no account needed. */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>, context: { db: DbHandle }) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    try {
      return { ok: true, data: await handler(parsed.data, { db: await getDb() }) };
    } catch (error) {
      return failed(error);
    }
  };
}
