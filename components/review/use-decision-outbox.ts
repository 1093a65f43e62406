"use client";
// Item decisions saved in the background (see useOutbox).
import { useOutbox, type OutboxEntry } from "@/components/outbox/use-outbox";
import { decideCandidate } from "@/lib/actions/reviews/decide-candidate";
import type { DecisionInput } from "@/lib/review/schemas";

export type DecisionEntry = OutboxEntry<DecisionInput>;

export function useDecisionOutbox(onSaved: (entry: DecisionEntry) => void) {
  return useOutbox({ storageKey: "ripe.outbox", send: decideCandidate, savedIdOf: (data) => data.reviewId, onSaved });
}
