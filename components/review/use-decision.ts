"use client";
// The decision on the item shown: the draft the form edits (emptied for each new item), and
// `decide`, which the verdict buttons and the a / r / u keys both call. A decision is recorded
// through the labelling session (background save, undoable), shown at once (optimistic), then
// the walk moves on when auto-advance is on.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { decideCandidate } from "@/lib/actions/reviews/decide-candidate";
import type { ReasonTag } from "@/lib/review/enums";
import type { ItemDetail } from "@/lib/review/types";
import { CRITERIA } from "@/lib/taxonomy";
import { EMPTY_DRAFT, type DecisionDraft } from "./decision-form";
import { itemQuery } from "./item-queries";

export type Verdict = "accept" | "reject" | "unsure";
/** What an undoable decision was: a decision of this session or one saved before this page loaded. */
export type Decided = { candidateId: number; verdict: Verdict };

/** The part of the labelling session a decision uses. */
type DecisionSession = {
  record: (input: Parameters<typeof decideCandidate>[0], meta: Decided) => unknown;
  setMessage: (message: string) => void;
  advance: () => void;
};

export function useDecision({
  datasetId,
  detail,
  currentId,
  canDecide,
  sampleId,
  session,
}: {
  datasetId: number;
  detail: ItemDetail | undefined;
  /** The walk's current item: a new one starts with an empty draft. */
  currentId: number;
  canDecide: boolean;
  sampleId?: number;
  session: DecisionSession;
}) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<DecisionDraft>(EMPTY_DRAFT);
  const [decidedIds, setDecidedIds] = useState<Set<number>>(() => new Set());

  // A new item starts with an empty draft (adjusted while rendering, not in an effect).
  const [draftFor, setDraftFor] = useState(currentId);
  if (draftFor !== currentId) {
    setDraftFor(currentId);
    setDraft(EMPTY_DRAFT);
  }

  const decide = (verdict: Verdict) => {
    if (!detail || !canDecide) return;
    const scores = Object.fromEntries(
      CRITERIA.flatMap((criterion) => {
        const value = draft.scores[criterion];
        return value === undefined || value === "" ? [] : [[criterion, Math.min(1, Math.max(0, Number(value)))]];
      }),
    );
    const candidateId = detail.candidate.id;
    session.record(
      {
        datasetId,
        candidateId,
        verdict,
        reasonTags: draft.reasonTags as ReasonTag[],
        note: draft.note.trim() || undefined,
        scores: Object.keys(scores).length ? scores : undefined,
        sampleId,
      },
      { candidateId, verdict },
    );
    setDecidedIds((ids) => new Set(ids).add(candidateId));
    // Optimistic: show the verdict at once; the saved state replaces it when the save lands.
    queryClient.setQueryData(itemQuery(datasetId, candidateId).queryKey, (old: ItemDetail | undefined) =>
      old
        ? {
            ...old,
            candidate: { ...old.candidate, humanVerdict: verdict === "accept" ? "pass" : verdict === "reject" ? "fail" : "unresolved" },
          }
        : old,
    );
    session.setMessage(`${verdict === "accept" ? "Accepted" : verdict === "reject" ? "Rejected" : "Marked unsure"} #${candidateId}`);
    session.advance();
  };

  return { draft, setDraft, decidedIds, decide };
}
