"use client";
// The pair labelling screen: the pair on the shared canvas, the instructions, the label keys
// (one KEYMAP table: ← / 1 left, → / 2 right, t tie, b both bad, s skip, z undo). A label is
// queued for a background save and the next pair shows at once; sides are randomised per pair and
// the side shown is what gets recorded; judge scores stay hidden until the pair is labelled.
import Link from "next/link";
import { useQueryStates } from "nuqs";
import { useLayoutEffect, useRef, useState } from "react";
import { HelpOverlay } from "@/components/keymap/help-overlay";
import { useLabellingSession } from "@/components/labelling/use-labelling-session";
import { labelPair } from "@/lib/actions/pairs/label-pair";
import { undoPairLabel } from "@/lib/actions/pairs/undo-pair-label";
import type { PairItem, QueueBatch } from "@/lib/pairs/types";
import type { KeyScope } from "@/lib/keymap";
import { queueParsers, type QueueParams } from "@/lib/pairs/queue";
import { toUrlUpdate } from "@/lib/url/parsers";
import { labelFor, shownSide, type ScreenChoice } from "@/lib/pairs/sides";
import { LabelBar } from "./label-bar";
import { LabelStatus, type Recap } from "./label-status";
import { PairCanvas } from "./pair-canvas";
import { PairInfo } from "./pair-info";
import { QueuePicker } from "./queue-picker";
import { usePairQueue } from "./use-pair-queue";
import { useStoredState } from "../hooks/use-stored-state";

const SCOPES: readonly KeyScope[] = ["pair", "canvas", "global"];
const UNDO_DEPTH = 20;
const CHOICE_TEXT: Record<ScreenChoice, string> = {
  left: "left is better",
  right: "right is better",
  tie: "tie",
  both_bad: "both bad",
  skip: "skipped",
};

export type PairLabellerProps = { datasetId: number; params: QueueParams; initial: QueueBatch; editTypes: string[] };

const parseReveal = (raw: string | null) => raw === "1";
const serializeReveal = (value: boolean) => (value ? "1" : "0");

/** Where an undoable label was given: the queue position to go back to. */
type Labelled = { key: string; position: number; pairId: number };
const keyOf = (item: PairItem) => `${item.pairId}:${item.isRepeat}`;

export function PairLabeller({ datasetId, params, initial, editTypes }: PairLabellerProps) {
  // A new queue is a new page render (the page keys the labeller by its queue).
  const [, setQueueUrl] = useQueryStates(queueParsers, { history: "push", shallow: false });
  const [choices, setChoices] = useState<Map<string, ScreenChoice>>(() => new Map());
  const [recap, setRecap] = useState<Recap | null>(null);
  const [isRevealed, setIsRevealed] = useStoredState("ripe.pair-reveal", parseReveal, serializeReveal);
  const pendingPairIds = useRef<() => number[]>(() => []);
  const queue = usePairQueue({
    datasetId,
    params,
    initial,
    pendingPairIds: () => pendingPairIds.current(),
  });
  const item = queue.current;
  const session = useLabellingSession({
    save: { storageKey: "ripe.pair-outbox", send: labelPair, savedIdOf: (data) => data.labelId },
    undo: {
      depth: UNDO_DEPTH,
      server: (labelId) => undoPairLabel({ datasetId, labelId }),
      onStart: (last: Labelled) => {
        setChoices((current) => {
          const next = new Map(current);
          next.delete(last.key);
          return next;
        });
        queue.goTo(last.position);
        setRecap(null);
      },
      describe: (outcome, last) => {
        switch (outcome.kind) {
          case "empty":
            return "Nothing to undo (the last 20 labels of this session can be undone).";
          case "cancelled":
            return `Undid the label on pair #${last?.pairId} before it was saved.`;
          case "unsaved":
            return `Could not undo pair #${last?.pairId}: its label was never saved.`;
          case "undone":
            return `Undid label #${outcome.savedId} on pair #${last?.pairId}.`;
          case "failed":
            return `Undo failed: ${outcome.error}`;
        }
      },
    },
    next: () => queue.next(),
    scopes: item ? SCOPES : ["global"],
    handlers: {
      "prefer-left": () => choose("left"),
      "prefer-right": () => choose("right"),
      tie: () => choose("tie"),
      "both-bad": () => choose("both_bad"),
      skip: () => choose("skip"),
    },
  });
  const { outbox, help } = session;
  useLayoutEffect(() => {
    pendingPairIds.current = () => outbox.entries.filter((entry) => entry.status !== "saved").map((entry) => entry.input.pairId);
  });
  const labelledCount = choices.size;
  // Labels given when the server last said how many remain: adjusted while rendering, when the count changes.
  const [labelsAtFetch, setLabelsAtFetch] = useState(0);
  const [remainingSeen, setRemainingSeen] = useState(queue.remaining);
  if (remainingSeen !== queue.remaining) {
    setRemainingSeen(queue.remaining);
    setLabelsAtFetch(choices.size);
  }
  const left = Math.max(0, queue.remaining - (labelledCount - labelsAtFetch));

  const onRevealChange = (value: boolean) => setIsRevealed(value);

  const choose = (choice: ScreenChoice) => {
    if (!item) return;
    const sides = { pairId: item.pairId, candidateA: item.a.id, candidateB: item.b.id };
    const label = labelFor(choice, sides, item.leftCandidateId);
    session.record(
      { datasetId, pairId: item.pairId, label, leftCandidateId: item.leftCandidateId, isRepeat: item.isRepeat },
      { key: keyOf(item), position: queue.index, pairId: item.pairId },
    );
    if (choice === "skip") queue.markSkipped(item.pairId);
    setChoices((current) => new Map(current).set(keyOf(item), choice));
    const [leftCandidate, rightCandidate] = item.leftCandidateId === item.a.id ? [item.a, item.b] : [item.b, item.a];
    const judgeAgrees =
      (choice === "left" || choice === "right") &&
      leftCandidate.judgeOverall !== null &&
      rightCandidate.judgeOverall !== null &&
      leftCandidate.judgeOverall !== rightCandidate.judgeOverall
        ? leftCandidate.judgeOverall > rightCandidate.judgeOverall === (choice === "left")
        : null;
    setRecap({
      pairId: item.pairId,
      choice: CHOICE_TEXT[choice],
      judgeLeft: leftCandidate.judgeOverall,
      judgeRight: rightCandidate.judgeOverall,
      judgeAgrees,
    });
    session.setMessage(null);
    session.advance();
  };

  const sessionChoice = item ? choices.get(keyOf(item)) : undefined;
  const savedChoice =
    item?.myLabel && !item.isRepeat
      ? (shownSide(item.myLabel.label, { candidateA: item.a.id }, item.leftCandidateId) ?? item.myLabel.label)
      : null;
  const current = sessionChoice ?? (savedChoice as ScreenChoice | null);
  const isLabelled = !!sessionChoice || !!item?.myLabel;
  const rightCandidateId = item ? (item.leftCandidateId === item.a.id ? item.b.id : item.a.id) : null;

  return (
    // Wide windows: the canvas left, the label keys and the pair's text right. Below 1280 px the
    // canvas takes the full width and the keys follow in one row just under it.
    <div
      className="grid gap-4 px-4 py-3 [--pair-canvas-height:max(16rem,calc(100vh-19rem))] xl:grid-cols-[minmax(0,1fr)_24rem] xl:[--pair-canvas-height:calc(100vh-12rem)]"
      data-testid="pair-labeller"
      data-pair-id={item?.pairId ?? ""}
      data-candidate-a={item?.a.id ?? ""}
      data-candidate-b={item?.b.id ?? ""}
      data-left-candidate-id={item?.leftCandidateId ?? ""}
      data-right-candidate-id={rightCandidateId ?? ""}
      data-is-repeat={item?.isRepeat ? "true" : "false"}
      data-labelled-count={labelledCount}
    >
      <div className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <Link href={`/datasets/${datasetId}/pairs`} className="text-neutral-400 hover:text-neutral-100">
            ← Pairs
          </Link>
          <QueuePicker params={params} editTypes={editTypes} onChange={(next) => void setQueueUrl(toUrlUpdate(next))} />
          <span className="flex items-center gap-2 text-xs text-neutral-400" data-testid="pair-progress">
            {labelledCount} labelled this session · {left} left in this queue
            <span className="h-1.5 w-32 overflow-hidden rounded bg-neutral-800">
              <span
                className="block h-full bg-amber-400"
                style={{ width: `${(100 * labelledCount) / Math.max(1, labelledCount + left)}%` }}
              />
            </span>
          </span>
        </div>
        {item ? (
          <PairCanvas datasetId={datasetId} item={item} shortcutScopes={help.isOpen ? null : SCOPES} height="var(--pair-canvas-height)" />
        ) : (
          <QueueDone
            datasetId={datasetId}
            isExhausted={queue.isExhausted}
            error={queue.error}
            labelled={labelledCount}
            onRefresh={queue.refresh}
          />
        )}
      </div>
      <aside aria-label="Labelling" className="space-y-4 xl:h-[calc(100vh-4.5rem)] xl:overflow-y-auto xl:pr-1">
        <LabelBar onChoose={choose} onUndo={session.undo} canUndo={session.canUndo} current={current} isDisabled={!item} />
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <button
            type="button"
            onClick={queue.previous}
            disabled={queue.index === 0}
            className="rounded bg-neutral-800 px-2 py-1 disabled:opacity-40"
          >
            ← Previous pair
          </button>
          <button type="button" onClick={queue.next} disabled={!item} className="rounded bg-neutral-800 px-2 py-1 disabled:opacity-40">
            Next pair →
          </button>
          <label className="flex items-center gap-1 text-neutral-400">
            <input
              type="checkbox"
              checked={session.isAutoAdvance}
              onChange={(event) => (session.setIsAutoAdvance(event.target.checked), event.currentTarget.blur())}
            />{" "}
            auto-advance
          </label>
          <button
            type="button"
            onClick={help.open}
            className="ml-auto rounded bg-neutral-800 px-2 py-1"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (?)"
          >
            ?
          </button>
        </div>
        <LabelStatus entries={outbox.entries} message={session.message} recap={recap} onRetry={outbox.retryNow} />
        {item && <PairInfo item={item} isLabelled={isLabelled} isRevealed={isRevealed} onRevealChange={onRevealChange} />}
      </aside>
      <HelpOverlay isOpen={help.isOpen} onClose={help.close} scopes={SCOPES} title="Labelling shortcuts" />
    </div>
  );
}

function QueueDone({
  datasetId,
  isExhausted,
  error,
  labelled,
  onRefresh,
}: {
  datasetId: number;
  isExhausted: boolean;
  error: string | null;
  labelled: number;
  onRefresh: () => void;
}) {
  return (
    <div
      style={{ height: "var(--pair-canvas-height)" }}
      className="flex flex-col items-center justify-center gap-3 rounded-md border border-neutral-800 text-center"
      data-testid="queue-done"
    >
      {error ? (
        <p className="text-red-300">{error}</p>
      ) : (
        <p className="text-lg text-neutral-200">{isExhausted ? "No more pairs in this queue." : "Loading more pairs…"}</p>
      )}
      <p className="text-sm text-neutral-500">{labelled} labelled in this session.</p>
      <div className="flex gap-2 text-sm">
        <button type="button" onClick={onRefresh} className="rounded bg-neutral-800 px-3 py-1.5">
          Check again
        </button>
        <Link href={`/datasets/${datasetId}/pairs/agreement`} className="rounded bg-neutral-800 px-3 py-1.5">
          Agreement
        </Link>
        <Link href={`/datasets/${datasetId}/pairs`} className="rounded bg-neutral-800 px-3 py-1.5">
          All pairs
        </Link>
      </div>
    </div>
  );
}
