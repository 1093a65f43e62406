// What an upload says about itself (POST /api/imports query string): which dataset, strictness
// and the file's name (never the image base: that is an admin's setting). One schema, used by the form before it
// uploads and by the route before it accepts a byte (a query string is untrusted input).
import { z } from "zod";
import { coercedId } from "../../ids";

export const datasetNameSchema = z
  .string()
  .trim()
  .min(1, "type a name for the new dataset")
  .max(80, "at most 80 characters")
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain control characters");

export const importTargetSchema = z
  .object({
    /** An existing dataset's id… */
    dataset: coercedId.optional(),
    /** …or the name of a new one (an existing name is reused). */
    newDataset: datasetNameSchema.optional(),
    strict: z
      .enum(["1", "0"])
      .default("0")
      .transform((value) => value === "1"),
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
