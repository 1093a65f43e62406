import { describe, expect, it } from "vitest";
import { ownCurrentVerdict, type DecisionRow } from "./own-decision";

const row = (id: number, reviewerId: number, verdict: DecisionRow["verdict"], extra: Partial<DecisionRow> = {}): DecisionRow => ({
  id,
  reviewerId,
  verdict,
  undoOf: null,
  isUndone: false,
  ...extra,
});

describe("ownCurrentVerdict", () => {
  it("is the reviewer's latest live decision, ignoring other reviewers", () => {
    expect(ownCurrentVerdict([row(3, 2, "reject"), row(2, 1, "unsure"), row(1, 1, "accept")], 1)).toBe("unsure");
  });
  it("falls back to the previous decision when the latest was undone, and to none", () => {
    const reviews = [row(3, 1, "reject", { undoOf: 2 }), row(2, 1, "reject", { isUndone: true }), row(1, 1, "accept")];
    expect(ownCurrentVerdict(reviews, 1)).toBe("accept");
    expect(ownCurrentVerdict(reviews, 7)).toBeNull();
  });
});
