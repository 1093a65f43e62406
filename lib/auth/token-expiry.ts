// How long an API token lives: chosen when it is made (the settings form, the CLI), 90 days unless
// said otherwise, a year at most — a token leaked into a log or an old script stops working on its
// own. Drizzle- and node-free: the form, the action's schema, the CLI and the column default share it.
import { z } from "zod";

export const TOKEN_DAYS_DEFAULT = 90;
export const TOKEN_DAYS_MAX = 365;
/** The form's choices (the action takes any whole number of days up to the maximum). */
export const TOKEN_DAYS_CHOICES = [7, 30, 90, 180, 365] as const;

export const tokenDaysSchema = z
  .number()
  .int("a whole number of days")
  .min(1, "at least 1 day")
  .max(TOKEN_DAYS_MAX, `at most ${TOKEN_DAYS_MAX} days (a year)`);

const DAY_MS = 24 * 60 * 60 * 1000;

export const tokenExpiry = (days: number, from = new Date()) => new Date(from.getTime() + days * DAY_MS);
