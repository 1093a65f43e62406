// Fleiss' κ needs the same number of ratings per item, but reviewers decide different items. So
// the κ is taken over the items rated by exactly m raters, m being the most common number of
// ratings among items with two or more (a tie between counts goes to the larger m: more raters
// per item, more information per item). The κ itself is lib/audit's Fleiss (1971).
import { countsByCategory, fleissKappa } from "../audit";

export type ModalFleiss = {
  /** m; null when no item has two ratings. */
  raters: number | null;
  /** Items rated by exactly m raters. */
  items: number;
  kappa: number | null;
  /** Indices (into the input) of the items used. */
  used: number[];
  reason: string | null;
};

/** `units[u]`: the labels unit u received (missing ratings left out, not null). */
export function fleissAtModalCount<T>(units: readonly (readonly T[])[], categories: readonly T[]): ModalFleiss {
  const frequency = new Map<number, number>();
  for (const unit of units) if (unit.length >= 2) frequency.set(unit.length, (frequency.get(unit.length) ?? 0) + 1);
  let raters: number | null = null;
  for (const [count, items] of frequency) {
    const best = raters === null ? -1 : frequency.get(raters)!;
    if (items > best || (items === best && count > raters!)) raters = count;
  }
  if (raters === null) return { raters: null, items: 0, kappa: null, used: [], reason: "no item has two or more verdicts" };
  const used = units.flatMap((unit, index) => (unit.length === raters ? [index] : []));
  const result = fleissKappa(
    countsByCategory(
      used.map((index) => units[index]),
      categories,
    ),
  );
  return { raters, items: used.length, kappa: result.kappa, used, reason: result.reason };
}
