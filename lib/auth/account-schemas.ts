// What a new account needs, drizzle-free: shared by the first-start form, its action and the CLI.
import { z } from "zod";
import { SITE_ROLES } from "./roles";

export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 128;

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("is not an email address").max(254, "at most 254 characters"));

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD, `at least ${MIN_PASSWORD} characters`)
  .max(MAX_PASSWORD, `at most ${MAX_PASSWORD} characters`);

export const newAccountSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z
    .string()
    .trim()
    .max(80, "at most 80 characters")
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain control characters")
    .optional(),
  role: z.enum(SITE_ROLES).default("member"),
});

export type NewAccount = z.output<typeof newAccountSchema>;
