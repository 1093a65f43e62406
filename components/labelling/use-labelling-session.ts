"use client";
// What both labelling screens (item review, pair labeller) share: background saves through the
// outbox, undo of one's own recent actions (an unsent save is taken back, a saved one undone on
// the server), auto-advance, the status message and the `?` help overlay, with the keys from
// lib/keymap. The undo rule is pure (lib/labelling/undo); the screens keep what differs: what a
// label is, what the screen shows after one, and the words of the messages.
import { useCallback, useRef, useState } from "react";
import { useKeymap, type KeymapHandlers } from "@/components/keymap/use-keymap";
import { useOutbox, type OutboxOptions } from "@/components/outbox/use-outbox";
import type { KeyScope } from "@/lib/keymap";
import { pushUndo, runUndo, type UndoEntry, type UndoOutcome, type UndoResult } from "@/lib/labelling/undo";

export type { UndoEntry, UndoOutcome } from "@/lib/labelling/undo";

export type LabellingSessionOptions<I, R, M> = {
  save: OutboxOptions<I, R>;
  undo: {
    depth: number;
    /** Rows saved before this page loaded (undoable after a reload); read once. */
    initial?: () => UndoEntry<M>[];
    /** Undoes a saved row on the server. */
    server: (savedId: number) => Promise<UndoResult>;
    /** Puts the screen back as soon as an undo starts, before the server answers. */
    onStart?: (meta: M) => void;
    /** After the outcome is known (refresh what the undo changed). */
    onDone?: (outcome: UndoOutcome, meta: M) => void;
    /** The status line for an empty stack and for each outcome. */
    describe: (outcome: UndoOutcome | { kind: "empty" }, meta: M | undefined) => string;
    /** Put an entry whose save has not landed back on the stack, so it can be undone later. */
    isRetryableWhenUnsaved?: boolean;
  };
  /** Moves to the next item or pair (auto-advance after a label). */
  next: () => void;
  /** Key scopes while the help overlay is closed (null: no shortcuts). */
  scopes: readonly KeyScope[] | null;
  /** The screen's own shortcuts; undo and help are added here. */
  handlers: KeymapHandlers;
};

export function useLabellingSession<I, R, M>({ save, undo, next, scopes, handlers }: LabellingSessionOptions<I, R, M>) {
  const outbox = useOutbox(save);
  const [undoStack, setUndoStackState] = useState<UndoEntry<M>[]>(() => undo.initial?.() ?? []);
  // Mirrors the stack synchronously: a second undo key press must see the first one's pop.
  const undoRef = useRef(undoStack);
  const setUndoStack = useCallback((change: (stack: UndoEntry<M>[]) => UndoEntry<M>[]) => {
    undoRef.current = change(undoRef.current);
    setUndoStackState(undoRef.current);
  }, []);
  const [message, setMessage] = useState<string | null>(null);
  const [isAutoAdvance, setIsAutoAdvance] = useState(true);
  const [isHelpOpen, setIsHelpOpen] = useState(false);

  /** Queues the save and makes it the newest undoable action; returns the outbox client id. */
  const record = (input: I, meta: M) => {
    const clientId = outbox.enqueue(input);
    setUndoStack((stack) => pushUndo(stack, { kind: "session", clientId, meta }, undo.depth));
    return clientId;
  };

  const advance = () => {
    if (isAutoAdvance) next();
  };

  const undoLast = async () => {
    const last = undoRef.current.at(-1);
    if (!last) {
      setMessage(undo.describe({ kind: "empty" }, undefined));
      return;
    }
    setUndoStack((stack) => stack.slice(0, -1));
    undo.onStart?.(last.meta);
    const outcome = await runUndo(last, { cancel: outbox.cancel, settled: (id) => outbox.settled(id), undoSaved: undo.server });
    if (outcome.kind === "unsaved" && undo.isRetryableWhenUnsaved) setUndoStack((stack) => [...stack, last]);
    setMessage(undo.describe(outcome, last.meta));
    undo.onDone?.(outcome, last.meta);
  };

  useKeymap(isHelpOpen ? null : scopes, { ...handlers, undo: () => void undoLast(), help: () => setIsHelpOpen(true) });

  return {
    outbox,
    undoStack,
    canUndo: undoStack.length > 0,
    record,
    advance,
    undo: () => void undoLast(),
    message,
    setMessage,
    isAutoAdvance,
    setIsAutoAdvance,
    help: { isOpen: isHelpOpen, open: () => setIsHelpOpen(true), close: () => setIsHelpOpen(false) },
  };
}
