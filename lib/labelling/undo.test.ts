import { describe, expect, it } from "vitest";
import { latestUndo, pushUndo, runUndo, savedUndoStack, type UndoEntry, type UndoPorts } from "./undo";

type Meta = { itemId: number };
const session = (clientId: string, itemId: number): UndoEntry<Meta> => ({ kind: "session", clientId, meta: { itemId } });

/** Ports that record what undo asked of the queue and the server. */
function ports(options: { cancellable?: string[]; savedIds?: Record<string, number>; serverError?: string }) {
  const calls: string[] = [];
  const value: UndoPorts = {
    cancel: (clientId) => (calls.push(`cancel ${clientId}`), options.cancellable?.includes(clientId) ?? false),
    settled: async (clientId) => (calls.push(`settled ${clientId}`), options.savedIds?.[clientId] ?? null),
    undoSaved: async (savedId) => (
      calls.push(`server ${savedId}`),
      options.serverError ? { ok: false, error: options.serverError } : { ok: true }
    ),
  };
  return { calls, value };
}

describe("undo stack", () => {
  it("keeps the newest entries up to the depth", () => {
    let stack: UndoEntry<Meta>[] = [];
    for (let index = 1; index <= 5; index++) stack = pushUndo(stack, session(`c${index}`, index), 3);
    expect(stack.map((entry) => entry.meta.itemId)).toEqual([3, 4, 5]);
  });

  it("starts from the rows saved before the reload, newest last and bounded", () => {
    const saved = [1, 2, 3, 4].map((id) => ({ savedId: 100 + id, meta: { itemId: id } }));
    expect(savedUndoStack(saved, 2)).toEqual([
      { kind: "saved", savedId: 103, meta: { itemId: 3 } },
      { kind: "saved", savedId: 104, meta: { itemId: 4 } },
    ]);
  });

  it("finds the newest entry for an item, session entries over older saved ones", () => {
    const stack: UndoEntry<Meta>[] = [{ kind: "saved", savedId: 9, meta: { itemId: 7 } }, session("c1", 8), session("c2", 7)];
    expect(latestUndo(stack, (meta) => meta.itemId === 7)).toEqual(session("c2", 7));
    expect(latestUndo(stack, (meta) => meta.itemId === 1)).toBeUndefined();
  });
});

describe("runUndo", () => {
  it("takes back an unsent save without asking the server", async () => {
    const { calls, value } = ports({ cancellable: ["c1"] });
    expect(await runUndo(session("c1", 1), value)).toEqual({ kind: "cancelled" });
    expect(calls).toEqual(["cancel c1"]);
  });

  it("waits for a save in flight, then undoes the saved row", async () => {
    const { calls, value } = ports({ savedIds: { c1: 42 } });
    expect(await runUndo(session("c1", 1), value)).toEqual({ kind: "undone", savedId: 42 });
    expect(calls).toEqual(["cancel c1", "settled c1", "server 42"]);
  });

  it("reports a save that never landed and leaves the server alone", async () => {
    const { calls, value } = ports({});
    expect(await runUndo(session("c1", 1), value)).toEqual({ kind: "unsaved" });
    expect(calls).toEqual(["cancel c1", "settled c1"]);
  });

  it("undoes a row saved before the reload directly on the server", async () => {
    const { calls, value } = ports({});
    expect(await runUndo({ kind: "saved", savedId: 5, meta: { itemId: 1 } }, value)).toEqual({ kind: "undone", savedId: 5 });
    expect(calls).toEqual(["server 5"]);
  });

  it("passes the server's refusal on", async () => {
    const { value } = ports({ serverError: "Decision not found" });
    expect(await runUndo({ kind: "saved", savedId: 5, meta: { itemId: 1 } }, value)).toEqual({
      kind: "failed",
      savedId: 5,
      error: "Decision not found",
    });
  });
});
