import "server-only";
// The reviewer a request acts as, read in one place for pages, actions and routes. (Until Ripe
// has accounts this is the reviewer switcher's cookie, checked against the reviewers table.)
import { cookies } from "next/headers";
import type { DbHandle } from "../db/client";
import { resolveReviewer, REVIEWER_COOKIE } from "../db/queries/reviewers";
import type { Reviewer } from "../db/schema";

export async function currentReviewer(db: DbHandle): Promise<Reviewer> {
  return resolveReviewer(db, (await cookies()).get(REVIEWER_COOKIE)?.value);
}
