"use client";
// The decision side of the item screen: the verdict form with this reviewer's own decision
// ringed, or, for an account that may only read (a viewer), a note saying how to get the role.
import type { UndoEntry } from "@/components/labelling/use-labelling-session";
import { latestUndo } from "@/lib/labelling/undo";
import { ownCurrentVerdict } from "@/lib/review/own-decision";
import type { ItemDetail } from "@/lib/review/types";
import { DecisionForm, type DecisionDraft } from "./decision-form";
import type { Decided, Verdict } from "./use-decision";

export type DecisionPanelProps = {
  detail: ItemDetail;
  canDecide: boolean;
  reviewerId: number;
  /** The session's undoable decisions: the newest on this item is this reviewer's current one. */
  undoStack: readonly UndoEntry<Decided>[];
  draft: DecisionDraft;
  onDraftChange: (draft: DecisionDraft) => void;
  onDecide: (verdict: Verdict) => void;
};

export function DecisionPanel({ detail, canDecide, reviewerId, undoStack, draft, onDraftChange, onDecide }: DecisionPanelProps) {
  if (!canDecide) {
    return (
      <p className="rounded-lg border border-neutral-800 p-3 text-sm text-neutral-400" data-testid="read-only-note">
        You can read this dataset; deciding needs the reviewer role. Ask an owner of the dataset for it.
      </p>
    );
  }
  // This reviewer's decision on the item: the newest undoable one of theirs, else what the server
  // recorded (an older decision, or the previous one once the newest is undone).
  const mine =
    latestUndo(undoStack, (decided) => decided.candidateId === detail.candidate.id)?.meta.verdict ??
    ownCurrentVerdict(detail.reviews, reviewerId);
  return (
    <DecisionForm draft={draft} onDraftChange={onDraftChange} onDecide={onDecide} current={detail.candidate.humanVerdict} mine={mine} />
  );
}
