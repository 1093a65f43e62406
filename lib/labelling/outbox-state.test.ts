import { describe, expect, it } from "vitest";
import {
  appendEntry,
  cancelEntry,
  entriesToStore,
  KEEP_SAVED,
  markFailed,
  markSaved,
  MAX_RETRY_DELAY_MS,
  nextToSend,
  patchEntry,
  pendingCount,
  restoreEntries,
  retryFailedNow,
  type OutboxEntry,
} from "./outbox-state";

const entry = (clientId: string, change: Partial<OutboxEntry<string>> = {}): OutboxEntry<string> => ({
  clientId,
  input: `input ${clientId}`,
  status: "pending",
  attempts: 0,
  ...change,
});

describe("outbox state", () => {
  it("sends the oldest waiting entry, and a failed one only once its retry is due", () => {
    let list = [entry("a"), entry("b")];
    expect(nextToSend(list, 0)?.clientId).toBe("a");
    list = markFailed(list, "a", "offline", 1_000);
    expect(list[0]).toMatchObject({ status: "failed", attempts: 1, error: "offline", retryAt: 3_000 });
    expect(nextToSend(list, 2_999)?.clientId).toBe("b");
    expect(nextToSend(list, 3_000)?.clientId).toBe("a");
    expect(nextToSend(patchEntry(list, "b", { status: "saving" }), 2_999)).toBeUndefined();
  });

  it("backs off 2, 4, 8 … seconds, at most 30", () => {
    let list = [entry("a")];
    const delays: number[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      list = markFailed(list, "a", "down", 0);
      delays.push(list[0].retryAt ?? -1);
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS]);
    expect(retryFailedNow(list)[0].retryAt).toBe(0);
  });

  it("records the saved id and clears the error", () => {
    const list = markSaved([entry("a", { status: "saving", error: "earlier" })], "a", 77);
    expect(list[0]).toMatchObject({ status: "saved", savedId: 77, error: undefined });
    expect(pendingCount(list)).toBe(0);
  });

  it("cancels only what the server has not seen", () => {
    const list = [entry("p"), entry("f", { status: "failed" }), entry("s", { status: "saving" }), entry("d", { status: "saved" })];
    expect(cancelEntry(list, "p")?.map((item) => item.clientId)).toEqual(["f", "s", "d"]);
    expect(cancelEntry(list, "f")?.map((item) => item.clientId)).toEqual(["p", "s", "d"]);
    expect(cancelEntry(list, "s")).toBeNull();
    expect(cancelEntry(list, "d")).toBeNull();
    expect(cancelEntry(list, "missing")).toBeNull();
  });

  it("keeps unsaved entries and only the newest saved ones when appending", () => {
    const saved = Array.from({ length: KEEP_SAVED + 5 }, (_, index) => entry(`s${index}`, { status: "saved", savedId: index + 1 }));
    const list = appendEntry([entry("waiting"), ...saved], entry("new"));
    expect(list[0].clientId).toBe("waiting");
    expect(list.at(-1)?.clientId).toBe("new");
    expect(list.filter((item) => item.status === "saved")).toHaveLength(KEEP_SAVED);
    expect(list[1].clientId).toBe("s5");
  });

  it("stores only unsaved entries and restores them as pending, due at once", () => {
    const list = [
      entry("a", { status: "saving" }),
      entry("b", { status: "failed", attempts: 3, retryAt: 99_999 }),
      entry("c", { status: "saved", savedId: 1 }),
    ];
    const stored = entriesToStore(list);
    expect(stored.map((item) => item.clientId)).toEqual(["a", "b"]);
    const restored = restoreEntries(stored);
    expect(restored.map((item) => [item.status, item.retryAt, item.attempts])).toEqual([
      ["pending", undefined, 0],
      ["pending", undefined, 3],
    ]);
    expect(pendingCount(restored)).toBe(2);
  });

  it("patches one entry only", () => {
    const list = patchEntry([entry("a"), entry("b")], "b", { status: "saving" });
    expect(list.map((item) => item.status)).toEqual(["pending", "saving"]);
  });
});
