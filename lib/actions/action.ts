import "server-only";
// The one wrapper every server action goes through: parses input with zod (an action is a public
// endpoint), resolves the reviewer, and returns { ok, data } | { ok, error } — never throws to the
// UI, and never hands a database message to the browser (unexpected errors are logged instead).
import { z } from "zod";
import type { DbHandle } from "../db/client";
import type { Reviewer } from "../db/schema";
import { getDb } from "../db/server";
import { currentReviewer } from "../review/current-reviewer";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string> };

/** An error whose message is meant for the person (what went wrong and what to do). */
export class ActionError extends Error {}

export type ActionContext = { db: DbHandle; reviewer: Reviewer };

export function action<S extends z.ZodType, T>(schema: S, handler: (input: z.infer<S>, context: ActionContext) => Promise<T>) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "(input)"] = issue.message;
      const summary = Object.entries(fieldErrors)
        .map(([field, message]) => `${field}: ${message}`)
        .join("; ");
      return { ok: false, error: `Invalid input — ${summary}`, fieldErrors };
    }
    try {
      const db = await getDb();
      const reviewer = await currentReviewer(db);
      return { ok: true, data: await handler(parsed.data, { db, reviewer }) };
    } catch (error) {
      if (error instanceof ActionError) return { ok: false, error: error.message };
      console.error("server action failed", error);
      return {
        ok: false,
        error: "The server could not save this (the details are in its log); try again, and tell the operator if it keeps failing.",
      };
    }
  };
}
