"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { action } from "../action";
import { resolveReviewer, REVIEWER_COOKIE } from "../../db/queries/reviewers";

export const setReviewer = action(z.object({ name: z.string().trim().min(1, "must not be empty").max(64, "at most 64 characters") }), async ({ name }, { db }) => {
  const reviewer = await resolveReviewer(db, name);
  (await cookies()).set(REVIEWER_COOKIE, reviewer.name, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
  return { name: reviewer.name };
});
