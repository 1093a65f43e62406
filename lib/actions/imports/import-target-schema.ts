// What an upload says about itself (POST /api/imports query string): which dataset, the base for
// relative image paths, strictness and the file's name. One schema, used by the form before it
// uploads and by the route before it accepts a byte (a query string is untrusted input).
import { z } from "zod";

export const datasetNameSchema = z
  .string()
  .trim()
  .min(1, "type a name for the new dataset")
  .max(80, "at most 80 characters")
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain control characters");

/** A base is an http(s) URL or a folder on the server; other schemes cannot be resolved. */
export const baseSchema = z
  .string()
  .trim()
  .max(2048, "at most 2048 characters")
  .refine((value) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^https?:\/\//i.test(value), "must be an http(s) URL or a folder path")
  .refine((value) => !value.includes("\0"), "must not contain a NUL character");

export const importTargetSchema = z
  .object({
    /** An existing dataset's id… */
    dataset: z.coerce.number().int("must be a dataset id").positive("must be a dataset id").optional(),
    /** …or the name of a new one (an existing name is reused). */
    newDataset: datasetNameSchema.optional(),
    /** Empty or absent: keep the dataset's stored base. */
    base: baseSchema.optional(),
    strict: z.enum(["1", "0"]).default("0").transform((value) => value === "1"),
    name: z.string().trim().min(1, "the file has no name").max(255, "file name longer than 255 characters"),
  })
  .refine((value) => (value.dataset === undefined) !== (value.newDataset === undefined), {
    message: "pick an existing dataset or type the name of a new one",
    path: ["dataset"],
  });

export type ImportTargetInput = z.input<typeof importTargetSchema>;
export type ImportTarget = z.output<typeof importTargetSchema>;

/** File names the form accepts without a second look; anything else is still sniffed by the server. */
export const JSONL_EXTENSIONS = [".jsonl", ".ndjson", ".json", ".txt"] as const;

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`).join("; ");
}
