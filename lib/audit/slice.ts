// The audit's slice (which labels and which judge the numbers describe), kept in the URL like the
// browse filters. One zod schema serves the page, the JSON route and the CLI, so the three always
// describe the same slice the same way.
import { z } from "zod";
import { coercedId } from "../ids";

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
  /** Audit sample whose design weights the population estimates; default: the latest one with labels. */
  sample: coercedId.optional(),
});

export type AuditSlice = z.infer<typeof auditSliceSchema>;

export const AUDIT_SLICE_KEYS = Object.keys(auditSliceSchema.shape) as (keyof AuditSlice)[];

/** Parses URL search params field by field; an invalid value is dropped, so a stale link still opens. */
export function parseAuditSlice(params: URLSearchParams | Record<string, string | string[] | undefined>): AuditSlice {
  const get = (key: string) => (params instanceof URLSearchParams ? (params.get(key) ?? undefined) : [params[key]].flat()[0]);
  const result: Record<string, unknown> = {};
  for (const key of AUDIT_SLICE_KEYS) {
    const raw = get(key);
    if (raw === undefined || raw === "") continue;
    const field = auditSliceSchema.shape[key].safeParse(raw);
    if (field.success && field.data !== undefined) result[key] = field.data;
  }
  if (result.judge_id === LATEST_JUDGE) delete result.judge_id;
  return result as AuditSlice;
}

export function auditSliceToSearch(slice: AuditSlice): string {
  const params = new URLSearchParams();
  for (const key of AUDIT_SLICE_KEYS) {
    const value = slice[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** True when the slice uses exactly the labels and judge the dataset's stored verdicts use, so
 * browse links (which filter on stored verdicts) show precisely the items behind a number. */
export function isStoredVerdictSlice(slice: AuditSlice): boolean {
  return !slice.judge_id && !slice.reviewer && !slice.from && !slice.to;
}
