import { describe, expect, it } from "vitest";
import { compareQueue, interleaveRepeats, parseQueueParams, queueSearch, type QueueFacts } from "./queue";

const facts = (id: number, extra: Partial<QueueFacts> = {}): QueueFacts => ({
  id,
  editType: "Zoom in",
  labelCount: 0,
  isDisagreement: false,
  isSkippedByMe: false,
  ...extra,
});

describe("queue order", () => {
  const pool = [
    facts(1, { labelCount: 2 }),
    facts(2, { isSkippedByMe: true }),
    facts(3, { editType: "Add a new object to the scene", labelCount: 1 }),
    facts(4, { isDisagreement: true, labelCount: 1 }),
    facts(5),
  ];
  const order = (kind: Parameters<typeof compareQueue>[0]) => [...pool].sort(compareQueue(kind)).map((item) => item.id);

  it("unlabelled first, own skips last", () => expect(order("unlabelled")).toEqual([5, 3, 4, 1, 2]));
  it("by edit type", () => expect(order("edit-type")).toEqual([3, 5, 1, 4, 2]));
  it("disagreements first", () => expect(order("disagreements")).toEqual([4, 5, 1, 3, 2]));
  it("pairs needing another reviewer: labelled by others, fewest reviewers first", () =>
    expect(order("another-reviewer")).toEqual([3, 4, 1, 5, 2]));
});

describe("repeats", () => {
  it("come back every fifth slot, and at the end of a short queue", () => {
    expect(interleaveRepeats<number | string>([1, 2, 3, 4, 5, 6, 7, 8, 9], ["r1", "r2", "r3"])).toEqual([
      1,
      2,
      3,
      4,
      "r1",
      5,
      6,
      7,
      8,
      "r2",
      9,
      "r3",
    ]);
    expect(interleaveRepeats<string>([], ["r1"])).toEqual(["r1"]);
  });
});

describe("queue URL state", () => {
  it("parses with defaults and rejects nonsense quietly", () => {
    expect(parseQueueParams({})).toEqual({ queue: "unlabelled", repeat: 0.1, editType: undefined, origin: undefined, pair: undefined });
    expect(parseQueueParams({ queue: "evil", repeat: "7", origin: "nope", pair: "-3" })).toMatchObject({
      queue: "unlabelled",
      repeat: 0.1,
    });
    const params = parseQueueParams(new URLSearchParams("queue=disagreements&repeat=0.2&origin=manual&pair=9"));
    expect(params).toMatchObject({ queue: "disagreements", repeat: 0.2, origin: "manual", pair: 9 });
  });
  it("writes only what differs from the defaults", () => {
    expect(queueSearch({ queue: "unlabelled", repeat: 0.1 })).toBe("");
    expect(queueSearch({ queue: "edit-type", editType: "Zoom in", repeat: 0 })).toBe("?queue=edit-type&editType=Zoom+in&repeat=0");
  });
});
