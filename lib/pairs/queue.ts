// Labelling queues as data (pure). A queue kind is an ordered list of sort keys over per-pair
// facts; the SQL builder and the in-memory comparator both read the same list, so the order the
// server hands out is the order the tests check. Pairs the reviewer already labelled never come
// back except as deliberate repeats (sides swapped), interleaved at a fixed rhythm.
import { createLoader, createSerializer } from "nuqs/server";
import { z } from "zod";
import {
  parseAsBoundedNumber,
  parseAsId,
  parseAsIdList,
  parseAsStringLiteral,
  parseAsText,
  withoutNulls,
  type SearchInput,
} from "../url/parsers";
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

/** The queue's URL keys (label page, queue picker and the batch route share this definition). */
export const queueParsers = {
  queue: parseAsStringLiteral(QUEUE_KIND_IDS).withDefault("unlabelled"),
  editType: parseAsText(300),
  origin: parseAsStringLiteral(PAIR_ORIGINS),
  repeat: parseAsBoundedNumber(0, MAX_REPEAT_SHARE).withDefault(DEFAULT_REPEAT_SHARE),
  /** Start with this pair (from the list or a fresh manual pair), then continue the queue. */
  pair: parseAsId,
};

/** A batch request adds what the client holds: pairs it has or labelled in this session (saves
 * may still be in flight) and how many to send. */
export const queueBatchParsers = {
  ...queueParsers,
  exclude: parseAsIdList(2000).withDefault([]),
  excludeRepeats: parseAsIdList(2000).withDefault([]),
  limit: parseAsBoundedNumber(1, 100, { isInteger: true }).withDefault(25),
};

const loadQueue = createLoader(queueParsers);
const loadQueueBatch = createLoader(queueBatchParsers);
const serializeQueue = createSerializer(queueParsers);
export const queueBatchSearch = createSerializer(queueBatchParsers);

export type QueueParams = ReturnType<typeof parseQueueParams>;

export function parseQueueParams(search: SearchInput) {
  const { queue, repeat, ...rest } = loadQueue(search);
  return { queue, repeat, ...withoutNulls(rest) };
}

/** The batch route's query: every key falls back to its default, so it never answers 400 or 500. */
export const queueBatchSchema = z.record(z.string(), z.string()).transform((search) => {
  const { queue, repeat, exclude, excludeRepeats, limit, ...rest } = loadQueueBatch(search);
  return { queue, repeat, exclude, excludeRepeats, limit, ...withoutNulls(rest) };
});

/** Only what differs from the defaults goes into the link. */
export function queueSearch(params: Partial<QueueParams>): string {
  return serializeQueue(params);
}
