// Formatting and links shared by the verdict-agreement components: every number is one of the
// JSON's numbers rounded here (κ and α to 3 decimals, shares to 1), and links to its items.
import { agreementSearch } from "@/lib/agreement/url";
import { verdictMetric } from "@/lib/agreement/verdicts";

export const DASH = "—";
export const stat = (value: number | null) => (value === null ? DASH : value.toFixed(3));
export const items = (count: number) => `${count} ${count === 1 ? "item" : "items"}`;
export const pct = (value: number | null) => (value === null ? DASH : `${(value * 100).toFixed(1)}%`);

/** This page listing the items behind a metric (the list sits under the verdict tables). */
export function metricHref(datasetId: number, metric: string): string {
  return `/datasets/${datasetId}/pairs/agreement${agreementSearch(metric)}#verdict-items`;
}

/** What a metric key's items are, in words; null for a key this page does not make. */
export function describeMetric(metric: string, fleissRaters: number | null): string | null {
  const [kind, ...rest] = metric.split(":");
  let args: string[];
  try {
    args = rest.map(decodeURIComponent);
  } catch {
    return null;
  }
  if (metric === verdictMetric("multi")) return "Items with two or more verdicts";
  if (metric === verdictMetric("fleiss")) return `Items with exactly ${fleissRaters ?? "m"} verdicts (Fleiss' κ)`;
  if (kind === "type" && args.length === 1) return `${args[0]}: items with two or more verdicts`;
  if (kind === "pair" && args.length === 2) return `Items decided by both ${args[0]} and ${args[1]}`;
  if (kind === "pair" && args[2] === "disagree") return `Items ${args[0]} and ${args[1]} decided differently`;
  if (kind === "pair" && args[2] === "accept_reject") return `Items ${args[0]} and ${args[1]} both accepted or rejected (no unsure)`;
  return null;
}
