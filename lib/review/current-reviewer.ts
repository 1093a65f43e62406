import "server-only";
// The reviewer a page acts as: the signed-in account's reviewer row (created on first need).
// Actions and routes get theirs from their wrapper's context; nothing reads it from a cookie.
import type { DbHandle } from "../db/client";
import type { Reviewer } from "../db/schema";
import { actorFor } from "../auth/access";
import { pageAccount } from "../auth/page-access";

export async function currentReviewer(db: DbHandle): Promise<Reviewer> {
  return actorFor(db, await pageAccount(db)).reviewer();
}
