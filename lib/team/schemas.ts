// One schema per team-work action, shared by the server actions and their forms.
import { z } from "zod";
import { parseBrowseFilters } from "../browse/filters";
import { dbId } from "../ids";
import { ADJUDICATION_VERDICTS, MAX_GOLD_RATE } from "./enums";

const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);

export const createAssignmentSchema = z
  .object({
    datasetId: dbId,
    title: z.string().trim().min(1, "give the assignment a title").max(200, "titles are at most 200 characters"),
    source: z.discriminatedUnion("kind", [
      // The browse filter as its URL query ("?type=…&rev=0"), parsed by the browse filters' own parsers.
      z.object({
        kind: z.literal("filter"),
        search: z
          .string()
          .max(2000, "the filter is at most 2000 characters")
          .transform((search) => parseBrowseFilters(new URLSearchParams(search))),
      }),
      z.object({ kind: z.literal("sample"), sampleId: dbId }),
    ]),
    reviewerIds: z.array(dbId).min(1, "choose at least one reviewer").max(200),
    overlap: z.number().int("overlap is a whole number").min(1, "overlap is at least 1").max(20, "overlap is at most 20"),
    seed,
    /** YYYY-MM-DD (end of that day, UTC) or empty. */
    dueDate: z.iso.date("due date: expected YYYY-MM-DD").optional(),
  })
  .refine((input) => input.overlap <= new Set(input.reviewerIds).size, {
    path: ["overlap"],
    message: "overlap cannot exceed the number of reviewers chosen",
  });
export type CreateAssignmentInput = z.input<typeof createAssignmentSchema>;

export const reassignSchema = z.object({
  datasetId: dbId,
  assignmentId: dbId,
  fromReviewerId: dbId,
  toReviewerIds: z.array(dbId).min(1, "choose at least one reviewer to take the items").max(200),
});

export const adjudicateSchema = z.object({
  datasetId: dbId,
  candidateId: dbId,
  verdict: z.enum(ADJUDICATION_VERDICTS),
  note: z.string().trim().max(2000, "notes are at most 2000 characters").optional(),
});

export const markGoldSchema = z.object({
  datasetId: dbId,
  candidateIds: z.array(dbId).min(1, "give at least one item id").max(1000, "at most 1000 items at once"),
  verdict: z.enum(ADJUDICATION_VERDICTS),
});

export const unmarkGoldSchema = z.object({ datasetId: dbId, candidateId: dbId });

export const goldRateSchema = z.object({
  datasetId: dbId,
  rate: z.number().min(0, "the gold rate is at least 0").max(MAX_GOLD_RATE, `the gold rate is at most ${MAX_GOLD_RATE}`),
});
