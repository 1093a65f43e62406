// Mixes gold items into a reviewer's walk at a set rate (pure). With n assigned items and rate r,
// g = round(n·r / (1 − r)) gold items make up about r of the walk (capped by the gold items the
// reviewer has not decided yet); their places are drawn from a seeded random so the same reviewer
// sees the same walk on every reload, and nothing but the server knows which items are gold.
import { seededRandom } from "../random";
import { shuffle } from "./allocate";

export function goldCount(assigned: number, rate: number, available: number): number {
  if (assigned === 0 || rate <= 0 || available === 0) return 0;
  return Math.min(available, Math.max(1, Math.round((assigned * rate) / (1 - rate))));
}

export function mixGold(assigned: readonly number[], gold: readonly number[], rate: number, seed: number): number[] {
  const random = seededRandom(seed);
  const assignedSet = new Set(assigned);
  const candidates = shuffle(
    gold.filter((id) => !assignedSet.has(id)),
    random,
  );
  const chosen = candidates.slice(0, goldCount(assigned.length, rate, candidates.length));
  const walk = [...assigned];
  for (const id of chosen) walk.splice(Math.floor(random() * (walk.length + 1)), 0, id);
  return walk;
}
