// Labelling queues as data (pure). A queue kind is an ordered list of sort keys over per-pair
// facts; the SQL builder and the in-memory comparator both read the same list, so the order the
// server hands out is the order the tests check. Pairs the reviewer already labelled never come
// back except as deliberate repeats (sides swapped), interleaved at a fixed rhythm.
import { z } from "zod";
import { coercedId, MAX_ID } from "../ids";
import { PAIR_ORIGINS } from "./enums";
import { DEFAULT_REPEAT_SHARE, MAX_REPEAT_SHARE } from "./sides";

export const QUEUE_KINDS = [
  { id: "unlabelled", label: "Unlabelled first", description: "Pairs nobody has labelled, then pairs others labelled" },
  { id: "edit-type", label: "By edit type", description: "One edit type after another (unlabelled first within each)" },
  { id: "disagreements", label: "Disagreements first", description: "Pairs where the judge and a reviewer, or two reviewers, disagree" },
  {
    id: "another-reviewer",
    label: "Needs another reviewer",
    description: "Pairs one or more others labelled, fewest reviewers first — for agreement",
  },
] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number]["id"];
export const QUEUE_KIND_IDS = QUEUE_KINDS.map((kind) => kind.id) as [QueueKind, ...QueueKind[]];

/** Facts the queue orders by, computed per pair for the current reviewer. */
export type QueueFacts = {
  id: number;
  editType: string;
  /** Reviewers with a current non-skip label. */
  labelCount: number;
  /** Judge/human disagreement on a candidate, a "disagreement" origin, or reviewers who disagree. */
  isDisagreement: boolean;
  /** The reviewer's own current label is "skip": it comes back, but last. */
  isSkippedByMe: boolean;
};

export type SortKey = {
  key: "skipped" | "unlabelled" | "labelCount" | "disagreement" | "othersLabelled" | "editType" | "id";
  direction: "asc" | "desc";
};

const asc = (key: SortKey["key"]): SortKey => ({ key, direction: "asc" });
const desc = (key: SortKey["key"]): SortKey => ({ key, direction: "desc" });

export function queueSortKeys(kind: QueueKind): SortKey[] {
  switch (kind) {
    case "unlabelled":
      return [asc("skipped"), desc("unlabelled"), asc("labelCount"), asc("id")];
    case "edit-type":
      return [asc("skipped"), asc("editType"), desc("unlabelled"), asc("id")];
    case "disagreements":
      return [asc("skipped"), desc("disagreement"), desc("unlabelled"), asc("id")];
    case "another-reviewer":
      return [asc("skipped"), desc("othersLabelled"), asc("labelCount"), asc("id")];
  }
}

function factValue(facts: QueueFacts, key: SortKey["key"]): number | string {
  switch (key) {
    case "skipped":
      return facts.isSkippedByMe ? 1 : 0;
    case "unlabelled":
      return facts.labelCount === 0 ? 1 : 0;
    case "labelCount":
      return facts.labelCount;
    case "disagreement":
      return facts.isDisagreement ? 1 : 0;
    case "othersLabelled":
      return facts.labelCount > 0 ? 1 : 0;
    case "editType":
      return facts.editType;
    case "id":
      return facts.id;
  }
}

/** The in-memory twin of the SQL ORDER BY. */
export function compareQueue(kind: QueueKind): (x: QueueFacts, y: QueueFacts) => number {
  const keys = queueSortKeys(kind);
  return (x, y) => {
    for (const { key, direction } of keys) {
      const left = factValue(x, key);
      const right = factValue(y, key);
      if (left === right) continue;
      const order = left < right ? -1 : 1;
      return direction === "asc" ? order : -order;
    }
    return 0;
  };
}

/** Every `every`-th slot is a due repeat while any are left, so repeats are spread, not bunched. */
export function interleaveRepeats<T>(fresh: readonly T[], repeats: readonly T[], every = 5): T[] {
  const out: T[] = [];
  let repeatIndex = 0;
  for (const item of fresh) {
    out.push(item);
    if (out.length % every === every - 1 && repeatIndex < repeats.length) out.push(repeats[repeatIndex++]);
  }
  // A short queue still shows its repeats, at the end.
  while (repeatIndex < repeats.length) out.push(repeats[repeatIndex++]);
  return out;
}

const idList = z
  .string()
  .optional()
  .transform((value) =>
    value
      ? value
          .split(",")
          .map(Number)
          .filter((id) => Number.isInteger(id) && id > 0 && id <= MAX_ID)
          .slice(0, 2000)
      : [],
  );

/** The queue's URL state (label page and its batch route share it). */
export const queueParamsSchema = z.object({
  queue: z.enum(QUEUE_KIND_IDS).catch("unlabelled"),
  editType: z.string().max(300).optional().catch(undefined),
  origin: z.enum(PAIR_ORIGINS).optional().catch(undefined),
  repeat: z.coerce.number().min(0).max(MAX_REPEAT_SHARE).catch(DEFAULT_REPEAT_SHARE),
  /** Start with this pair (from the list or a fresh manual pair), then continue the queue. */
  pair: coercedId.optional().catch(undefined),
});
export type QueueParams = z.infer<typeof queueParamsSchema>;

export const queueBatchSchema = queueParamsSchema.extend({
  /** Pairs the client already holds or labelled in this session (saves may still be in flight). */
  exclude: idList,
  excludeRepeats: idList,
  limit: z.coerce.number().int().min(1).max(100).catch(25),
});

export function parseQueueParams(search: Record<string, string | string[] | undefined> | URLSearchParams): QueueParams {
  const record =
    search instanceof URLSearchParams
      ? Object.fromEntries(search)
      : Object.fromEntries(Object.entries(search).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return queueParamsSchema.parse(record);
}

export function queueSearch(params: Partial<QueueParams>): string {
  const search = new URLSearchParams();
  if (params.queue && params.queue !== "unlabelled") search.set("queue", params.queue);
  if (params.editType) search.set("editType", params.editType);
  if (params.origin) search.set("origin", params.origin);
  if (params.repeat !== undefined && params.repeat !== DEFAULT_REPEAT_SHARE) search.set("repeat", String(params.repeat));
  if (params.pair) search.set("pair", String(params.pair));
  const text = search.toString();
  return text ? `?${text}` : "";
}
