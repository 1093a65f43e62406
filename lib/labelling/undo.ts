// Undo of one's own last labelling actions, shared by the item review screen and the pair
// labeller. An entry is either still in this page's save queue (by client id) or a row saved
// earlier (by its id; the review screen lists a reviewer's recent decisions after a reload).
// Undo takes back an unsent save without a round trip, waits for one in flight, and asks the
// server to undo a saved row.

export type UndoEntry<M> = { kind: "session"; clientId: string; meta: M } | { kind: "saved"; savedId: number; meta: M };

export type UndoResult = { ok: true } | { ok: false; error: string };

/** What undo needs from the save queue and the server. */
export type UndoPorts = {
  /** Drops an unsent save; false when it is being sent or already saved. */
  cancel: (clientId: string) => boolean;
  /** The saved row's id once the save lands, null if it never does. */
  settled: (clientId: string) => Promise<number | null>;
  undoSaved: (savedId: number) => Promise<UndoResult>;
};

export type UndoOutcome =
  /** Taken out of the queue before the server saw it. */
  | { kind: "cancelled" }
  /** Still not saved (the save kept failing or timed out): nothing undone. */
  | { kind: "unsaved" }
  | { kind: "undone"; savedId: number }
  | { kind: "failed"; savedId: number; error: string };

/** Adds an entry on top, keeping the newest `depth`. */
export function pushUndo<M>(stack: readonly UndoEntry<M>[], entry: UndoEntry<M>, depth: number): UndoEntry<M>[] {
  return [...stack, entry].slice(-depth);
}

/** The stack a page starts with: the newest `depth` rows saved before it was loaded. */
export function savedUndoStack<M>(saved: readonly { savedId: number; meta: M }[], depth: number): UndoEntry<M>[] {
  return saved.slice(-depth).map(({ savedId, meta }) => ({ kind: "saved", savedId, meta }));
}

/** The newest entry whose meta matches (e.g. this reviewer's latest verdict on the item shown). */
export function latestUndo<M>(stack: readonly UndoEntry<M>[], matches: (meta: M) => boolean): UndoEntry<M> | undefined {
  return stack.findLast((entry) => matches(entry.meta));
}

export async function runUndo<M>(entry: UndoEntry<M>, ports: UndoPorts): Promise<UndoOutcome> {
  let savedId: number;
  if (entry.kind === "saved") {
    savedId = entry.savedId;
  } else {
    if (ports.cancel(entry.clientId)) return { kind: "cancelled" };
    const settled = await ports.settled(entry.clientId);
    if (!settled) return { kind: "unsaved" };
    savedId = settled;
  }
  const result = await ports.undoSaved(savedId);
  return result.ok ? { kind: "undone", savedId } : { kind: "failed", savedId, error: result.error };
}
