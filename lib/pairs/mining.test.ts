import { describe, expect, it } from "vitest";
import {
  DEFAULT_MINING_OPTIONS,
  isNearTie,
  minePairsInRequest,
  mineTurnPairs,
  orderPair,
  pairReason,
  type MiningCandidate,
  type MiningOptions,
  type SessionTurn,
} from "./mining";

const options = (overrides: Partial<MiningOptions> = {}): MiningOptions => ({ ...DEFAULT_MINING_OPTIONS, threshold: 0.7, ...overrides });
const candidate = (id: number, judgeOverall: number | null, extra: Partial<MiningCandidate> = {}): MiningCandidate => ({
  id,
  judgeOverall,
  effectiveVerdict: judgeOverall === null ? "none" : judgeOverall >= 0.7 ? "pass" : "fail",
  isDisagreement: false,
  ...extra,
});

describe("near-ties", () => {
  it("pairs scores within the margin, wherever they are", () => {
    expect(isNearTie(candidate(1, 0.31), candidate(2, 0.35), options())).toBe(true);
    expect(isNearTie(candidate(1, 0.31), candidate(2, 0.37), options())).toBe(false);
  });
  it("pairs scores both near the threshold even when further apart than the margin", () => {
    expect(isNearTie(candidate(1, 0.66), candidate(2, 0.74), options({ margin: 0.02, band: 0.05 }))).toBe(true);
    expect(isNearTie(candidate(1, 0.6), candidate(2, 0.74), options({ margin: 0.02, band: 0.05 }))).toBe(false);
  });
  it("includes the boundary (|Δ| = margin) despite floating point", () => {
    expect(isNearTie(candidate(1, 0.8), candidate(2, 0.85), options({ margin: 0.05, band: 0 }))).toBe(true);
  });
  it("never pairs an unjudged candidate", () => {
    expect(isNearTie(candidate(1, null), candidate(2, 0.7), options())).toBe(false);
  });
});

describe("pair reasons", () => {
  it("ranks disagreement over near-tie over several passes over any pair", () => {
    const all = options({ rules: ["request", "multi_pass", "near_tie", "disagreement"] });
    expect(pairReason(candidate(1, 0.9, { isDisagreement: true }), candidate(2, 0.9), all)).toBe("disagreement");
    expect(pairReason(candidate(1, 0.9), candidate(2, 0.91), all)).toBe("near_tie");
    expect(pairReason(candidate(1, 0.75), candidate(2, 0.95), all)).toBe("multi_pass");
    expect(pairReason(candidate(1, 0.2), candidate(2, 0.95), all)).toBe("request");
  });
  it("applies only the enabled rules", () => {
    expect(pairReason(candidate(1, 0.2), candidate(2, 0.95), options({ rules: ["near_tie"] }))).toBeNull();
    expect(pairReason(candidate(1, 0.9, { isDisagreement: true }), candidate(2, 0.91), options({ rules: ["near_tie"] }))).toBe("near_tie");
  });
  it("uses the effective verdict for several passes (a human accept counts)", () => {
    const humanPass = candidate(1, 0.4, { effectiveVerdict: "pass" });
    expect(pairReason(humanPass, candidate(2, 0.95), options({ rules: ["multi_pass"] }))).toBe("multi_pass");
  });
});

describe("pairs within a request", () => {
  it("stores the lower id first and each pair once", () => {
    const pairs = minePairsInRequest(7, [candidate(30, 0.9), candidate(10, 0.91), candidate(20, 0.1)], options());
    expect(pairs).toEqual([{ requestId: 7, a: 10, b: 30, origin: "near_tie" }]);
    expect(orderPair(5, 3)).toEqual([3, 5]);
  });
  it("caps the any-two rule per request but not the targeted rules", () => {
    const many = Array.from({ length: 8 }, (_, index) => candidate(index + 1, 0.1 * index));
    const pairs = minePairsInRequest(1, many, options({ rules: ["request"], maxPerRequest: 3 }));
    expect(pairs).toHaveLength(3);
    const targeted = minePairsInRequest(
      1,
      [...many, candidate(99, 0.05, { isDisagreement: true })],
      options({ rules: ["request", "disagreement"], maxPerRequest: 3 }),
    );
    expect(targeted.filter((pair) => pair.origin === "disagreement")).toHaveLength(8);
  });
  it("finds nothing in a single-candidate request", () => {
    expect(minePairsInRequest(1, [candidate(1, 0.7)], options({ rules: ["request"] }))).toEqual([]);
  });
});

describe("turn pairs", () => {
  const turn = (sessionId: number, turnNo: number, prompt: string, candidateId: number, originalUrl = "http://x/o.jpg"): SessionTurn => ({
    sessionId,
    originalUrl,
    turn: turnNo,
    prompt,
    requestId: sessionId * 100 + turnNo,
    candidateIds: [candidateId],
  });
  it("pairs turn-k outputs of sessions sharing the original and the prompts up to k", () => {
    const turns = [
      turn(1, 1, "Make the sky pink", 11),
      turn(1, 2, "Add a boat", 12),
      turn(1, 3, "Make it red", 13),
      turn(2, 1, "make the  sky pink ", 21),
      turn(2, 2, "Add a boat", 22),
      turn(2, 3, "Make it blue", 23),
    ];
    expect(mineTurnPairs(turns)).toEqual([
      { requestId: 101, a: 11, b: 21, origin: "turns" },
      { requestId: 102, a: 12, b: 22, origin: "turns" },
    ]);
  });
  it("never pairs turns of one session, nor sessions from different originals", () => {
    const turns = [turn(1, 1, "Add a boat", 11), turn(1, 2, "Add a boat", 12), turn(2, 1, "Add a boat", 21, "http://x/other.jpg")];
    expect(mineTurnPairs(turns)).toEqual([]);
  });
  it("stops at a gap in a chain", () => {
    const turns = [turn(1, 1, "A", 11), turn(1, 3, "C", 13), turn(2, 1, "A", 21), turn(2, 3, "C", 23)];
    expect(mineTurnPairs(turns).map((pair) => [pair.a, pair.b])).toEqual([[11, 21]]);
  });
});
