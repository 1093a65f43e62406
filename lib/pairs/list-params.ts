// The pairs list's URL state (pure): simple filters, or a metric key from the agreement page
// naming exactly the pairs behind one of its numbers.
import { z } from "zod";
import { MAX_ID } from "../ids";
import { PAIR_LABELS, PAIR_ORIGINS } from "./enums";
import { PAIR_LABEL_TEXT } from "./sides";

export const PAIR_STATUSES = ["unlabelled", "labelled"] as const;

export const pairListSchema = z.object({
  origin: z.enum(PAIR_ORIGINS).optional().catch(undefined),
  editType: z.string().max(300).optional().catch(undefined),
  status: z.enum(PAIR_STATUSES).optional().catch(undefined),
  metric: z.string().max(600).optional().catch(undefined),
  after: z.coerce.number().int().min(0).max(MAX_ID).optional().catch(undefined),
});
export type PairListParams = z.infer<typeof pairListSchema>;

export function parsePairList(search: Record<string, string | string[] | undefined>): PairListParams {
  return pairListSchema.parse(
    Object.fromEntries(Object.entries(search).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])),
  );
}

export function pairListSearch(params: PairListParams): string {
  const search = new URLSearchParams();
  for (const key of ["origin", "editType", "status", "metric", "after"] as const) {
    const value = params[key];
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const ORIGIN_TEXT: Record<(typeof PAIR_ORIGINS)[number], string> = {
  manifest: "Manifest (chosen vs rejected)",
  request: "Two candidates of a request",
  turns: "Same prompt chain (multi-turn)",
  near_tie: "Judge near-tie",
  disagreement: "Judge/human disagreement",
  multi_pass: "Several passing",
  manual: "Manual (item page)",
};

/** "ann: A better" etc. — what a metric key from the agreement page stands for, in words. */
export function describeMetric(key: string, reviewerNames: ReadonlyMap<number, string>): string {
  const [kind, ...raw] = key.split(":");
  const args = raw.map((part) => decodeURIComponent(part));
  const who = (id: string | undefined) => reviewerNames.get(Number(id)) ?? `reviewer ${id}`;
  switch (kind) {
    case "reviewer":
      return args[1]
        ? `${who(args[0])}: ${PAIR_LABEL_TEXT[args[1] as (typeof PAIR_LABELS)[number]] ?? args[1]}`
        : `Labelled by ${who(args[0])}`;
    case "multi":
      return args[0] === "agree"
        ? "Labelled by several reviewers, all agree"
        : args[0] === "disagree"
          ? "Labelled by several reviewers who disagree"
          : "Labelled by several reviewers";
    case "duo":
      return `${who(args[0])} and ${who(args[1])}${args[2] === "disagree" ? " disagree" : ": both labelled"}`;
    case "side":
      return `Labels that chose the ${args[0]} side`;
    case "repeat":
      return args[0] === "inconsistent" ? "Repeats answered differently the second time" : "Pairs shown again as repeats";
    case "judge": {
      const scope = args[0] === "*" ? "all edit types" : args[0];
      return args[1] === "match"
        ? `Human preference matches the judge's order (${scope})`
        : args[1] === "mismatch"
          ? `Human preference contradicts the judge's order (${scope})`
          : `Judge scores tied (${scope})`;
    }
    default:
      return key;
  }
}
