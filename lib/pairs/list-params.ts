// The pairs list's URL state (pure): simple filters, or a metric key from the agreement page
// naming exactly the pairs behind one of its numbers.
import { createLoader, createSerializer } from "nuqs/server";
import { parseAsId, parseAsStringLiteral, parseAsText, withoutNulls, type SearchInput, type UrlState } from "../url/parsers";
import { PAIR_LABELS, PAIR_ORIGINS } from "./enums";
import { PAIR_LABEL_TEXT } from "./sides";

export const PAIR_STATUSES = ["unlabelled", "labelled"] as const;

/** The pairs list's URL keys (page, filter controls and links share this one definition). */
export const pairListParsers = {
  origin: parseAsStringLiteral(PAIR_ORIGINS),
  editType: parseAsText(300),
  status: parseAsStringLiteral(PAIR_STATUSES),
  metric: parseAsText(600),
  /** Keyset cursor: the last pair id of the previous page. */
  after: parseAsId,
};
export type PairListParams = UrlState<typeof pairListParsers>;

const loadPairList = createLoader(pairListParsers);
const serializePairList = createSerializer(pairListParsers);

export function parsePairList(search: SearchInput): PairListParams {
  return withoutNulls(loadPairList(search));
}

export function pairListSearch(params: PairListParams): string {
  return serializePairList(params);
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
