// One schema per judge action, shared by the server actions and the judge page's forms.
import { z } from "zod";
import { dbId } from "../../ids";
import { JUDGE_PROVIDERS } from "../../judge/judges";

/** How a run reaches Gemini: one call per item, the Batch API, or the Batch API above a size. */
export const SEND_MODES = ["interactive", "batch", "batch-above"] as const;
export type SendMode = (typeof SEND_MODES)[number];

export const MAX_CONCURRENCY = 16;

const concurrency = z.number().int().min(1, "at least 1 call at a time").max(MAX_CONCURRENCY, `at most ${MAX_CONCURRENCY} calls at a time`);

const startJudgeFields = z.object({
  datasetId: dbId,
  provider: z.enum(JUDGE_PROVIDERS),
  /** Gemini model name; empty = GEMINI_MODEL or the default. Ignored by the metrics judge. */
  model: z
    .string()
    .trim()
    .max(100, "model names are at most 100 characters")
    .regex(/^[A-Za-z0-9._\-/:]*$/, "letters, digits and . _ - / : only")
    .optional(),
  concurrency,
  editTypes: z.array(z.string().max(300)).max(200).default([]),
  onlyUnjudged: z.boolean().default(false),
  limit: z.number().int().min(1, "a limit must be at least 1").max(1_000_000).optional(),
  /** The browse page's query string ("?type=…&judge=none"): judge exactly what that page lists. */
  browseSearch: z.string().max(2000).optional(),
  send: z.enum(SEND_MODES).default("interactive"),
  /** With send "batch-above": batch when the run has more than this many items. */
  batchAbove: z.number().int().min(1, "the batch threshold must be at least 1 item").max(100_000_000).optional(),
});

export const startJudgeSchema = startJudgeFields.superRefine((input, context) => {
  if (input.send !== "interactive" && input.provider !== "gemini") {
    context.addIssue({ code: "custom", path: ["send"], message: "the Batch API is for the Gemini judge; the metrics judge runs locally" });
  }
  if (input.send === "batch-above" && input.batchAbove === undefined) {
    context.addIssue({ code: "custom", path: ["batchAbove"], message: "give the number of items above which a run is batched" });
  }
});
export type StartJudgeInput = z.input<typeof startJudgeSchema>;

export const jobRefSchema = z.object({ datasetId: dbId, jobId: dbId });

export const resumeJudgeSchema = jobRefSchema.extend({ concurrency, retryErrors: z.boolean().default(false) });
