"use client";
// The item screen people live in: compare canvas, instructions, judge panel, decision controls
// and history. Keyboard-first (one keymap table), decisions saved in the background through the
// outbox, next item drawn from prefetched data, last 10 decisions undoable — including the ones
// made before a reload (the server lists them), and the buttons show this reviewer's decision.
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { CompareCanvas } from "@/components/compare/compare-canvas";
import { useCompareSettings } from "@/components/compare/use-compare-settings";
import { HelpOverlay } from "@/components/keymap/help-overlay";
import { useLabellingSession, type UndoEntry } from "@/components/labelling/use-labelling-session";
import { decideCandidate } from "@/lib/actions/reviews/decide-candidate";
import { undoDecision } from "@/lib/actions/reviews/undo-decision";
import { imageUrl } from "@/lib/browse/image-url";
import type { ItemDetail } from "@/lib/review/types";
import type { KeyScope } from "@/lib/keymap";
import { savedUndoStack } from "@/lib/labelling/undo";
import type { OwnDecision } from "@/lib/review/own-decision";
import { DecisionPanel } from "./decision-panel";
import { HistoryList } from "./history-list";
import { InstructionsPanel } from "./instructions-panel";
import { itemQuery } from "./item-queries";
import { JudgePanel } from "./judge-panel";
import { SaveStatus } from "./save-status";
import { SessionStrip } from "./session-strip";
import { SiblingsStrip } from "./siblings-strip";
import { useDecision, type Decided } from "./use-decision";
import { useItemWalk } from "./use-item-walk";

const SCOPES: readonly KeyScope[] = ["item", "canvas", "global"];
const UNDO_DEPTH = 10;

export type ReviewWorkspaceProps = {
  datasetId: number;
  datasetName: string;
  initial: ItemDetail;
  search: string;
  /** Queue mode: a fixed walk (audit sample) with inclusion probabilities, and a progress bar. */
  queue?: {
    title: string;
    total: number;
    ids?: number[];
    probabilities?: Record<number, number>;
    sampleId?: number;
    alreadyDecided?: number;
    /** The walk's own page (`?item=ID` is appended), so a reload stays in the walk. */
    path?: string;
  };
  backHref: string;
  /** Who is reviewing, and their latest decisions in this dataset (undoable after a reload). */
  reviewerId: number;
  recentDecisions: OwnDecision[];
  /** Whether the account may decide (reviewer or above): a viewer reads the item without the decision form or shortcuts. */
  canDecide: boolean;
};

export function ReviewWorkspace({
  datasetId,
  datasetName,
  initial,
  search,
  queue,
  backHref,
  reviewerId,
  recentDecisions,
  canDecide,
}: ReviewWorkspaceProps) {
  const queryClient = useQueryClient();
  useState(() => queryClient.setQueryData(itemQuery(datasetId, initial.candidate.id).queryKey, initial));
  const sampleId = queue?.sampleId;
  const walkPath = queue?.path ?? (sampleId ? `/datasets/${datasetId}/queue/sample/${sampleId}` : null);
  const pathFor = useCallback(
    (id: number) => (walkPath ? `${walkPath}?item=${id}` : `/datasets/${datasetId}/items/${id}`),
    [datasetId, walkPath],
  );
  const walk = useItemWalk({ datasetId, search, initialId: initial.candidate.id, pathFor, fixedIds: queue?.ids });
  const itemResult = useQuery(itemQuery(datasetId, walk.currentId));
  const detail = itemResult.data;
  const compare = useCompareSettings();
  const [compareTo, setCompareTo] = useState<"previous" | "original">("previous");

  const refresh = useCallback(
    (candidateId: number) => void queryClient.invalidateQueries({ queryKey: ["item", datasetId, candidateId] }),
    [datasetId, queryClient],
  );
  const session = useLabellingSession({
    save: {
      storageKey: "ripe.outbox",
      send: decideCandidate,
      savedIdOf: (data) => data.reviewId,
      onSaved: (entry) => {
        refresh(entry.input.candidateId);
        void queryClient.invalidateQueries({ queryKey: ["browse", datasetId] });
      },
    },
    undo: {
      depth: UNDO_DEPTH,
      initial: (): UndoEntry<Decided>[] =>
        savedUndoStack(
          recentDecisions.map(({ reviewId, candidateId, verdict }) => ({ savedId: reviewId, meta: { candidateId, verdict } })),
          UNDO_DEPTH,
        ),
      server: (reviewId) => undoDecision({ datasetId, reviewId }),
      isRetryableWhenUnsaved: true,
      describe: (outcome, decided) => {
        switch (outcome.kind) {
          case "empty":
            return "Nothing to undo (your last 10 decisions in this dataset can be undone).";
          case "cancelled":
            return `Undid the unsaved decision on #${decided?.candidateId}`;
          case "unsaved":
            return "That decision has not been saved yet (see above); undo it again once it is.";
          case "undone":
            return `Undid decision #${outcome.savedId} on item #${decided?.candidateId}`;
          case "failed":
            return `Undo failed: ${outcome.error}`;
        }
      },
      onDone: (outcome, decided) => {
        if (outcome.kind === "cancelled" || outcome.kind === "undone") refresh(decided.candidateId);
        if (outcome.kind === "undone") void queryClient.invalidateQueries({ queryKey: ["browse", datasetId] });
      },
    },
    next: () => {
      if (walk.hasNext) walk.next();
    },
    scopes: SCOPES,
    handlers: {
      accept: () => decision.decide("accept"),
      reject: () => decision.decide("reject"),
      unsure: () => decision.decide("unsure"),
      next: () => walk.next(),
      previous: () => walk.previous(),
    },
  });
  const { outbox, help } = session;

  const decision = useDecision({
    datasetId,
    detail,
    currentId: walk.currentId,
    canDecide,
    sampleId: queue?.sampleId,
    session,
  });
  const { draft, setDraft, decidedIds } = decision;

  const left = useMemo(() => {
    if (!detail) return null;
    const source = detail.session && compareTo === "original" ? detail.session.originalUrl : detail.request.sourceImage;
    const label = detail.session
      ? compareTo === "original"
        ? "original"
        : detail.request.turn === 1
          ? "original"
          : `turn ${(detail.request.turn ?? 1) - 1}`
      : "source";
    return { url: imageUrl(datasetId, source), label };
  }, [detail, compareTo, datasetId]);

  if (!detail || !left) {
    return <p className="p-6 text-sm text-neutral-400">{itemResult.isError ? (itemResult.error as Error).message : "Loading…"}</p>;
  }
  const right = {
    url: imageUrl(datasetId, detail.candidate.imagePath),
    label: detail.session ? `turn ${detail.request.turn}` : detail.candidate.role === "rejected" ? "rejected attempt" : "edit",
  };

  return (
    // Two columns from 1200 px (canvas | decision and judge); below that one column, the canvas
    // full width and the decision and judge panels side by side under it.
    <div
      className="grid gap-4 px-4 py-3 min-[1200px]:grid-cols-[minmax(0,1fr)_24rem] 2xl:grid-cols-[minmax(0,1fr)_26rem]"
      data-testid="review-workspace"
      data-candidate-id={detail.candidate.id}
      data-image-path={detail.candidate.imagePath}
    >
      <div className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <Link href={backHref} className="text-neutral-400 hover:text-neutral-100">
            ← {datasetName}
          </Link>
          <span className="text-neutral-500">Item #{detail.candidate.id}</span>
          {queue ? (
            <span className="flex items-center gap-2 text-xs text-neutral-400" data-testid="queue-progress">
              {queue.title}: {(queue.alreadyDecided ?? 0) + decidedIds.size} of {queue.total.toLocaleString()} decided · item{" "}
              {walk.position + 1}
              <span className="h-1.5 w-32 overflow-hidden rounded bg-neutral-800">
                <span
                  className="block h-full bg-amber-400"
                  style={{ width: `${Math.min(100, (100 * ((queue.alreadyDecided ?? 0) + decidedIds.size)) / Math.max(1, queue.total))}%` }}
                />
              </span>
            </span>
          ) : (
            <span className="text-xs text-neutral-500">
              {walk.position + 1} of {walk.loadedCount}+ loaded in this filter
            </span>
          )}
          <div className="ml-auto flex items-center gap-2">
            <button
              type="button"
              onClick={walk.previous}
              disabled={!walk.hasPrevious}
              className="rounded bg-neutral-800 px-2 py-1 text-xs disabled:opacity-40"
            >
              ← Prev <kbd>k</kbd>
            </button>
            <button
              type="button"
              onClick={walk.next}
              disabled={!walk.hasNext}
              className="rounded bg-neutral-800 px-2 py-1 text-xs disabled:opacity-40"
              data-testid="next-item"
            >
              Next <kbd>j</kbd> →
            </button>
            <label className="flex items-center gap-1 text-xs text-neutral-400">
              <input
                type="checkbox"
                data-testid="auto-advance"
                checked={session.isAutoAdvance}
                onChange={(event) => session.setIsAutoAdvance(event.target.checked)}
              />{" "}
              auto-advance
            </label>
            <button type="button" onClick={help.open} className="rounded bg-neutral-800 px-2 py-1 text-xs" aria-label="Keyboard shortcuts">
              ?
            </button>
          </div>
        </div>
        <CompareCanvas
          stageId="compare-stage"
          left={left}
          right={right}
          mode={compare.mode}
          onModeChange={compare.setMode}
          view={compare.view}
          onViewChange={compare.setView}
          shortcutScopes={help.isOpen ? null : SCOPES}
          height="max(18rem, calc(100vh - 17rem))"
        />
        <InstructionsPanel detail={detail} />
        {detail.session && (
          <SessionStrip detail={detail} compareTo={compareTo} onCompareToChange={setCompareTo} onOpen={(id) => walk.jumpTo(id)} />
        )}
        {detail.siblings.length > 1 && (
          <SiblingsStrip datasetId={datasetId} detail={detail} canDecide={canDecide} onOpen={(id) => walk.jumpTo(id)} />
        )}
      </div>
      <aside
        aria-label="Decision and judge"
        className="grid content-start gap-4 md:grid-cols-2 min-[1200px]:block min-[1200px]:h-[calc(100vh-4.5rem)] min-[1200px]:space-y-4 min-[1200px]:overflow-y-auto min-[1200px]:pr-1"
      >
        <div className="space-y-4">
          <SaveStatus
            entries={outbox.entries}
            message={session.message}
            onRetry={outbox.retryNow}
            canUndo={session.canUndo}
            onUndo={session.undo}
          />
          <DecisionPanel
            detail={detail}
            canDecide={canDecide}
            reviewerId={reviewerId}
            undoStack={session.undoStack}
            draft={draft}
            onDraftChange={setDraft}
            onDecide={decision.decide}
          />
        </div>
        <JudgePanel detail={detail} />
        <HistoryList reviews={detail.reviews} />
      </aside>
      <HelpOverlay isOpen={help.isOpen} onClose={help.close} scopes={SCOPES} />
    </div>
  );
}
