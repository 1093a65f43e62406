// The audit's slice (which labels and which judge the numbers describe), kept in the URL like the
// browse filters. The zod fields are the rules (the CLI reports a bad flag with their message);
// the nuqs parser map built from them is what the page, the JSON route and the slice bar read and
// write, so all of them describe the same slice the same way.
import { createLoader, createSerializer } from "nuqs/server";
import { z } from "zod";
import { coercedId } from "../ids";
import { parseAsZod, withoutNulls, type SearchInput } from "../url/parsers";

/** "latest" = each candidate's newest judgement of any judge: what the dataset's verdicts use. */
export const LATEST_JUDGE = "latest";

export const auditSliceSchema = z.object({
  group: z.string().trim().min(1).max(200).optional(),
  type: z.string().trim().min(1).max(300).optional(),
  judge_id: z.string().trim().min(1).max(300).optional(),
  /** Reviewer name: only that person's decisions count (otherwise the majority of all reviewers). */
  reviewer: z.string().trim().min(1).max(100).optional(),
  /** Decisions made on or after this day (UTC), YYYY-MM-DD. */
  from: z.iso.date().optional(),
  /** Decisions made on or before this day (UTC), inclusive. */
  to: z.iso.date().optional(),
  /** Leave out the decisions of reviewers whose gold accuracy is below this (0–1). */
  min_gold: z.coerce.number().min(0).max(1).optional(),
  /** Audit sample whose design weights the population estimates; default: the latest one with labels. */
  sample: coercedId.optional(),
});

export type AuditSlice = z.infer<typeof auditSliceSchema>;

const { group, type, judge_id, reviewer, from, to, min_gold, sample } = auditSliceSchema.shape;
export const auditSliceParsers = {
  group: parseAsZod(group),
  type: parseAsZod(type),
  judge_id: parseAsZod(judge_id),
  reviewer: parseAsZod(reviewer),
  from: parseAsZod(from),
  to: parseAsZod(to),
  min_gold: parseAsZod(min_gold),
  sample: parseAsZod(sample),
};

const loadAuditSlice = createLoader(auditSliceParsers);
const serializeAuditSlice = createSerializer(auditSliceParsers);

/** Parses URL search params field by field; an invalid value is dropped, so a stale link still opens. */
export function parseAuditSlice(params: SearchInput): AuditSlice {
  const slice: AuditSlice = withoutNulls(loadAuditSlice(params));
  if (slice.judge_id === LATEST_JUDGE) delete slice.judge_id;
  return slice;
}

export function auditSliceToSearch(slice: AuditSlice): string {
  return serializeAuditSlice(slice);
}

/** True when the slice uses exactly the labels and judge the dataset's stored verdicts use, so
 * browse links (which filter on stored verdicts) show precisely the items behind a number. */
export function isStoredVerdictSlice(slice: AuditSlice): boolean {
  return !slice.judge_id && !slice.reviewer && !slice.from && !slice.to && slice.min_gold === undefined;
}
