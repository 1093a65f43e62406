// Overlap allocation (pure): each item goes to exactly k distinct reviewers, loads differ by at most
// one, and the same seed gives the same allocation. Items are taken in a seeded shuffle and each
// goes to the k least-loaded reviewers, ties broken by a seeded random key per item: the least-loaded
// rule keeps every load within {m, m+1} (the k picked are all at the lowest load, or all those plus
// some at m+1), and the random ties spread the overlap over many reviewer pairs, so pairwise κ has
// shared items for most pairs instead of only for neighbours in a fixed rotation.
import { seededRandom } from "../random";

export class AllocationError extends Error {}

export type Allocation = { candidateId: number; reviewerId: number; position: number }[];

export function allocateOverlap(
  candidateIds: readonly number[],
  reviewerIds: readonly number[],
  overlap: number,
  seed: number,
): Allocation {
  const reviewers = [...new Set(reviewerIds)];
  if (!Number.isInteger(overlap) || overlap < 1) throw new AllocationError("Overlap must be a whole number of at least 1.");
  if (reviewers.length === 0) throw new AllocationError("Choose at least one reviewer.");
  if (overlap > reviewers.length)
    throw new AllocationError(`Overlap ${overlap} needs at least ${overlap} reviewers; ${reviewers.length} chosen.`);
  const random = seededRandom(seed);
  const items = shuffle([...new Set(candidateIds)], random);
  const load = new Map(reviewers.map((id) => [id, 0]));
  const result: Allocation = [];
  for (const candidateId of items) {
    const keyed = reviewers.map((id) => ({ id, load: load.get(id)!, key: random() }));
    keyed.sort((a, b) => a.load - b.load || a.key - b.key);
    for (const { id } of keyed.slice(0, overlap)) {
      result.push({ candidateId, reviewerId: id, position: load.get(id)! });
      load.set(id, load.get(id)! + 1);
    }
  }
  return result;
}

/**
 * Moves an absent reviewer's open items to others: each item goes to the least-loaded reviewer
 * (by open items) who does not already hold it, so its k reviewers stay distinct. Items no one
 * can take (every other reviewer already holds them) are returned as `unplaced`.
 */
export function reassignOpen(
  open: readonly { candidateId: number }[],
  holders: ReadonlyMap<number, ReadonlySet<number>>,
  targets: readonly number[],
  openLoad: ReadonlyMap<number, number>,
  seed: number,
): { moves: { candidateId: number; reviewerId: number }[]; unplaced: number[] } {
  const random = seededRandom(seed);
  const load = new Map(targets.map((id) => [id, openLoad.get(id) ?? 0]));
  const moves: { candidateId: number; reviewerId: number }[] = [];
  const unplaced: number[] = [];
  for (const { candidateId } of open) {
    const held = holders.get(candidateId) ?? new Set<number>();
    const choices = targets
      .filter((id) => !held.has(id))
      .map((id) => ({ id, load: load.get(id)!, key: random() }))
      .sort((a, b) => a.load - b.load || a.key - b.key);
    if (choices.length === 0) {
      unplaced.push(candidateId);
      continue;
    }
    moves.push({ candidateId, reviewerId: choices[0].id });
    load.set(choices[0].id, choices[0].load + 1);
  }
  return { moves, unplaced };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other], items[index]];
  }
  return items;
}
