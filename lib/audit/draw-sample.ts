// Drawing an audit sample: which candidates a reviewer should label so that the judge's error
// rate can be estimated for the WHOLE dataset, not just for what someone happened to open.
// Every method is a probability design and returns each item's exact inclusion probability π,
// which the audit later uses as 1/π weights (lib/audit/sampling.ts, ipwEstimate).
//
//   uniform     simple random sample, π = n/N.
//   stratified  by edit type, equal allocation (rare types get as many items as common ones;
//               a type smaller than its share is taken whole and its leftover goes to the rest),
//               π = n_h/N_h within each type.
//   threshold   more items near the judge's threshold, where a verdict is least certain and a
//               threshold change would act: π ∝ floor + exp(−|overall − t|/bandwidth), capped at
//               1. Unjudged items get the floor weight, so every item keeps π > 0.
//
// Selection is randomised systematic sampling on a seeded shuffle (Goodman & Kish 1950;
// Hartley & Rao 1962): exactly n items, and item i is included with probability exactly π_i.
// With equal π it is a simple random sample. Same seed and same population give the same sample.
import { seededRandom } from "../random";

export const SAMPLE_METHODS = ["stratified", "uniform", "threshold"] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];
export const SAMPLE_METHOD_LABELS: Record<SampleMethod, string> = {
  stratified: "Stratified by edit type (equal per type)",
  uniform: "Uniform random",
  threshold: "Nearest the threshold (weighted)",
};

export type SampleUnit = { candidateId: number; editType: string; overall: number | null };
export type DrawnItem = { candidateId: number; probability: number };
export type DrawOptions = { method: SampleMethod; size: number; seed: number; threshold?: number };

/** Width of the "near the threshold" bump, in overall-score units. */
export const THRESHOLD_BANDWIDTH = 0.05;
/** Weight every item keeps far from the threshold, relative to the peak weight of 1. */
export const THRESHOLD_FLOOR = 0.05;

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** π_i = min(1, c·w_i) with c chosen so that Σ π_i = n (iteratively capping the largest). */
export function proportionalProbabilities(weights: readonly number[], n: number): number[] {
  const count = weights.length;
  if (n >= count) return weights.map(() => 1);
  for (const w of weights) if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and > 0, got ${w}`);
  const isCapped = new Array<boolean>(count).fill(false);
  let capped = 0;
  for (;;) {
    let free = 0;
    for (let i = 0; i < count; i++) if (!isCapped[i]) free += weights[i];
    const scale = (n - capped) / free;
    let changed = false;
    for (let i = 0; i < count; i++) {
      if (!isCapped[i] && scale * weights[i] >= 1) {
        isCapped[i] = true;
        capped++;
        changed = true;
      }
    }
    if (!changed) return weights.map((w, i) => (isCapped[i] ? 1 : scale * w));
  }
}

/** Equal allocation of n over strata of the given sizes, never more than a stratum holds. */
export function equalAllocation(sizes: readonly number[], n: number): number[] {
  const allocation = sizes.map(() => 0);
  let left = Math.min(
    n,
    sizes.reduce((sum, size) => sum + size, 0),
  );
  // One item at a time to the strata with room, in order, until n is spent: equal up to ±1.
  while (left > 0) {
    for (let h = 0; h < sizes.length && left > 0; h++) {
      if (allocation[h] < sizes[h]) {
        allocation[h]++;
        left--;
      }
    }
  }
  return allocation;
}

/** Randomised systematic selection of Σπ (≈ an integer) items from an already shuffled list. */
function systematic<T>(units: readonly T[], probabilities: readonly number[], random: () => number): number[] {
  const total = probabilities.reduce((sum, p) => sum + p, 0);
  const n = Math.round(total);
  if (n === 0) return [];
  // Points u, u+1, … scaled by total/n so the last point always falls inside the list despite rounding.
  const step = total / n;
  let point = random() * step;
  const picked: number[] = [];
  let cumulative = 0;
  for (let i = 0; i < units.length && picked.length < n; i++) {
    cumulative += probabilities[i];
    if (point < cumulative) {
      picked.push(i);
      point += step;
    }
  }
  return picked;
}

export function drawSample(units: readonly SampleUnit[], options: DrawOptions): DrawnItem[] {
  const { method, seed } = options;
  const size = Math.floor(options.size);
  if (!(size >= 1)) throw new RangeError(`sample size must be at least 1, got ${options.size}`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  const random = seededRandom(seed);
  // Sort first so the same population in any input order gives the same sample for a seed.
  const ordered = shuffle(
    [...units].sort((a, b) => a.candidateId - b.candidateId),
    random,
  );

  const strata = new Map<string, SampleUnit[]>();
  if (method === "stratified") {
    for (const unit of ordered) {
      const members = strata.get(unit.editType);
      if (members) members.push(unit);
      else strata.set(unit.editType, [unit]);
    }
  } else strata.set("all", ordered);
  const names = [...strata.keys()].sort();
  const allocation =
    method === "stratified"
      ? equalAllocation(
          names.map((name) => strata.get(name)!.length),
          size,
        )
      : [size];

  const drawn: DrawnItem[] = [];
  names.forEach((name, h) => {
    const members = strata.get(name)!;
    const n = Math.min(allocation[h], members.length);
    const probabilities =
      method === "threshold"
        ? proportionalProbabilities(
            members.map((unit) => thresholdWeight(unit.overall, options.threshold ?? 0.7)),
            n,
          )
        : members.map(() => n / members.length);
    for (const index of systematic(members, probabilities, random))
      drawn.push({ candidateId: members[index].candidateId, probability: probabilities[index] });
  });
  // Walk order is shuffled too: reviewers should not see one edit type, or one score band, in a row.
  return shuffle(drawn, random);
}

export function thresholdWeight(overall: number | null, threshold: number): number {
  if (overall === null || overall < 0) return THRESHOLD_FLOOR;
  return THRESHOLD_FLOOR + Math.exp(-Math.abs(overall - threshold) / THRESHOLD_BANDWIDTH);
}
