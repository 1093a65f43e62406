// Database ids as requests carry them: positive whole numbers that fit an int4 column. One rule
// for every action, route and URL, so an id too large for PostgreSQL is a 400, never its error.
import { z } from "zod";

export const MAX_ID = 2_147_483_647;

/** An id in a JSON body (server actions). */
export const dbId = z.number().int("must be a whole number").positive("must be a positive id").max(MAX_ID, "is too large to be an id");

/** An id in a URL path or query string. */
export const idText = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,9}$/, "must be a positive whole number")
  .transform(Number)
  .refine((value) => value <= MAX_ID, "is too large to be an id");

/** As idText but also taking a number (zod's coerce lets 1e3 and 0x10 through). */
export const coercedId = z.union([dbId, idText]);
