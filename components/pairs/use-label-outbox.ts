"use client";
// Pair labels saved in the background so labelling never waits (see useOutbox).
import { useOutbox, type OutboxEntry } from "@/components/outbox/use-outbox";
import { labelPair } from "@/lib/actions/pairs/label-pair";
import type { LabelPairInput } from "@/lib/pairs/schemas";

export type LabelEntry = OutboxEntry<LabelPairInput>;

export function useLabelOutbox(onSaved?: (entry: LabelEntry) => void) {
  return useOutbox({ storageKey: "ripe.pair-outbox", send: labelPair, savedIdOf: (data) => data.labelId, onSaved });
}
