"use server";
import { cookies } from "next/headers";
import { z } from "zod";
import { action } from "../action";
import { ensureReviewer, MAX_REVIEWER_NAME, REVIEWER_COOKIE } from "../../db/queries/reviewers";

const nameSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_REVIEWER_NAME, `at most ${MAX_REVIEWER_NAME} characters`)
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain control characters");

export const setReviewer = action(z.object({ name: nameSchema }), async ({ name }, { db }) => {
  const reviewer = await ensureReviewer(db, name);
  (await cookies()).set(REVIEWER_COOKIE, reviewer.name, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  return { name: reviewer.name };
});
