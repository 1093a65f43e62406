// Overlap allocation on many random cases: each item to exactly k distinct reviewers, loads within
// one of each other, the same seed the same allocation, k > reviewers refused; and reassignment
// keeps each item's reviewers distinct.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../random";
import { allocateOverlap, AllocationError, reassignOpen } from "./allocate";

/** The allocation's invariants, as a list of what is wrong (empty when it is right). */
function problems(items: number[], reviewers: number[], k: number, seed: number): string[] {
  const allocation = allocateOverlap(items, reviewers, k, seed);
  const wrong: string[] = [];
  const byItem = new Map<number, number[]>();
  const shares = new Map<number, number[]>(reviewers.map((id) => [id, []]));
  for (const slot of allocation) {
    byItem.set(slot.candidateId, [...(byItem.get(slot.candidateId) ?? []), slot.reviewerId]);
    const share = shares.get(slot.reviewerId);
    if (!share) wrong.push(`unknown reviewer ${slot.reviewerId}`);
    else share.push(slot.position);
  }
  if (byItem.size !== new Set(items).size) wrong.push(`${byItem.size} items allocated of ${new Set(items).size}`);
  for (const [item, holders] of byItem)
    if (holders.length !== k || new Set(holders).size !== k) wrong.push(`item ${item}: reviewers ${holders.join(",")}, want ${k} distinct`);
  const loads = [...shares.values()].map((share) => share.length);
  if (Math.max(...loads) - Math.min(...loads) > 1) wrong.push(`loads ${loads.join(",")}`);
  // Positions number each reviewer's share 0..load-1.
  for (const [id, share] of shares)
    if (share.some((position, index) => position !== index)) wrong.push(`reviewer ${id}: positions ${share.join(",")}`);
  return wrong;
}

describe("allocateOverlap", () => {
  it("gives every item exactly k distinct reviewers with balanced loads, on 500 random cases", () => {
    const random = seededRandom(42);
    for (let run = 0; run < 500; run++) {
      const reviewerCount = 1 + Math.floor(random() * 9);
      const reviewers = Array.from({ length: reviewerCount }, (_, index) => 100 + index * 3);
      const k = 1 + Math.floor(random() * reviewerCount);
      const items = Array.from({ length: Math.floor(random() * 120) }, (_, index) => 1000 + index);
      expect(problems(items, reviewers, k, run), `run ${run}: ${items.length} items, ${reviewerCount} reviewers, k ${k}`).toEqual([]);
    }
  });

  it("is deterministic given the seed, and another seed gives another split", () => {
    const items = Array.from({ length: 50 }, (_, index) => index + 1);
    const a = allocateOverlap(items, [1, 2, 3, 4], 2, 7);
    expect(allocateOverlap(items, [1, 2, 3, 4], 2, 7)).toEqual(a);
    expect(allocateOverlap(items, [1, 2, 3, 4], 2, 8)).not.toEqual(a);
  });

  it("spreads the overlap over many reviewer pairs (pairwise κ needs shared items)", () => {
    const items = Array.from({ length: 60 }, (_, index) => index + 1);
    const allocation = allocateOverlap(items, [1, 2, 3, 4, 5], 2, 3);
    const pairs = new Set<string>();
    for (const item of items)
      pairs.add(
        allocation
          .filter((slot) => slot.candidateId === item)
          .map((slot) => slot.reviewerId)
          .sort()
          .join("-"),
      );
    expect(pairs.size).toBe(10); // all C(5, 2) pairs
  });

  it("refuses k > reviewers, k < 1 and no reviewers; duplicate ids count once", () => {
    expect(() => allocateOverlap([1, 2], [1, 2], 3, 1)).toThrow(AllocationError);
    expect(() => allocateOverlap([1, 2], [1, 1, 2], 3, 1)).toThrow(/needs at least 3 reviewers; 2 chosen/);
    expect(() => allocateOverlap([1], [1], 0, 1)).toThrow(AllocationError);
    expect(() => allocateOverlap([1], [], 1, 1)).toThrow(AllocationError);
    expect(allocateOverlap([5, 5, 6], [1, 2], 2, 1)).toHaveLength(4);
  });
});

describe("reassignOpen", () => {
  it("moves every open item to a reviewer who does not hold it, least loaded first, on random cases", () => {
    const random = seededRandom(9);
    for (let run = 0; run < 200; run++) {
      const reviewers = [1, 2, 3, 4, 5].slice(0, 2 + Math.floor(random() * 4));
      const k = 1 + Math.floor(random() * (reviewers.length - 1));
      const items = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, index) => index + 1);
      const allocation = allocateOverlap(items, reviewers, k, run);
      const absent = reviewers[0];
      const holders = new Map<number, Set<number>>();
      for (const slot of allocation) holders.set(slot.candidateId, (holders.get(slot.candidateId) ?? new Set()).add(slot.reviewerId));
      const open = allocation.filter((slot) => slot.reviewerId === absent).map((slot) => ({ candidateId: slot.candidateId }));
      const targets = reviewers.slice(1);
      const load = new Map(targets.map((id) => [id, allocation.filter((slot) => slot.reviewerId === id).length]));
      const { moves, unplaced } = reassignOpen(open, holders, targets, load, run);
      expect(moves.length + unplaced.length).toBe(open.length);
      // k < reviewers: someone besides the absent one is always free to take an item.
      expect(unplaced).toEqual([]);
      for (const move of moves) {
        expect(holders.get(move.candidateId)!.has(move.reviewerId)).toBe(false);
        holders.get(move.candidateId)!.delete(absent);
        holders.get(move.candidateId)!.add(move.reviewerId);
      }
      for (const held of holders.values()) {
        expect(held.size).toBe(k);
        expect(held.has(absent)).toBe(false);
      }
    }
  });

  it("leaves an item unplaced when every other reviewer already holds it", () => {
    const holders = new Map([[1, new Set([1, 2, 3])]]);
    expect(reassignOpen([{ candidateId: 1 }], holders, [2, 3], new Map(), 1)).toEqual({ moves: [], unplaced: [1] });
  });
});
