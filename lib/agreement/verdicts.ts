// Agreement between reviewers on verdicts (pure): pairwise Cohen's κ, Fleiss' κ over the items
// with the modal number of verdicts, and Krippendorff's α overall and per edit type. The input is
// each item's current verdict per reviewer (latest decision not undone, the rule of
// lib/db/queries/candidate-state.ts). Every number keeps the ids of its items under a metric key,
// so the page can list exactly the items behind it. Undefined statistics are null with a note.
import { cohenKappa, percentAgreement } from "../audit";
import { VERDICTS, type Verdict } from "../db/schema";
import { fleissAtModalCount } from "./fleiss-modal";
import { krippendorffAlphaNominal } from "./krippendorff";

export type VerdictUnit = { candidateId: number; editType: string; verdicts: Record<string, Verdict> };

export type PairwiseRow = {
  a: string;
  b: string;
  /** Items both decided. */
  n: number;
  kappa: number | null;
  kappa_accept_reject: number | null;
  /** Items both decided where neither said unsure. */
  n_accept_reject: number;
  percent_agreement: number | null;
  note: string | null;
};
export type EditTypeRow = { edit_type: string; items: number; krippendorff_alpha: number | null; note: string | null };

export type VerdictAgreementJson = {
  reviewers: string[];
  /** Items with at least two verdicts (the items α is computed on). */
  items: number;
  /** Items with at least one verdict. */
  decided_items: number;
  krippendorff_alpha: number | null;
  krippendorff_alpha_note: string | null;
  fleiss_kappa: { raters: number | null; items: number; value: number | null; note: string | null };
  pairwise: PairwiseRow[];
  by_edit_type: EditTypeRow[];
};

export type VerdictAgreement = {
  json: VerdictAgreementJson;
  /** Every decided item, by candidate id. */
  units: Map<number, VerdictUnit>;
  /** Metric key → candidate ids (ascending). */
  ids: Map<string, number[]>;
};

const AR_CATEGORIES = ["accept", "reject"] as const;

/** Metric keys: a kind and URL-safe arguments joined by ":". */
export function verdictMetric(kind: "multi" | "fleiss" | "pair" | "type", ...args: string[]): string {
  return [kind, ...args.map((arg) => encodeURIComponent(arg))].join(":");
}

export function verdictAgreement(input: readonly VerdictUnit[]): VerdictAgreement {
  const units = [...input].sort((x, y) => x.candidateId - y.candidateId);
  const ids = new Map<string, number[]>();
  const add = (key: string, id: number) => {
    const list = ids.get(key);
    if (list) list.push(id);
    else ids.set(key, [id]);
  };
  const reviewers = [...new Set(units.flatMap((unit) => Object.keys(unit.verdicts)))].sort();
  const multi = units.filter((unit) => Object.keys(unit.verdicts).length >= 2);
  for (const unit of multi) add(verdictMetric("multi"), unit.candidateId);

  // Each item's verdicts once, and each reviewer's items (a pair only scans one reviewer's items).
  const valuesOf = new Map(multi.map((unit) => [unit, Object.values(unit.verdicts)]));
  const values = (unit: VerdictUnit) => valuesOf.get(unit)!;
  const itemsOf = new Map<string, VerdictUnit[]>(reviewers.map((name) => [name, []]));
  for (const unit of multi) for (const name of Object.keys(unit.verdicts)) itemsOf.get(name)!.push(unit);
  const alpha = krippendorffAlphaNominal(multi.map(values));

  const fleiss = fleissAtModalCount(multi.map(values), VERDICTS);
  for (const index of fleiss.used) add(verdictMetric("fleiss"), multi[index].candidateId);

  const pairwise: PairwiseRow[] = [];
  for (let i = 0; i < reviewers.length; i++) {
    for (let j = i + 1; j < reviewers.length; j++) {
      const [a, b] = [reviewers[i], reviewers[j]];
      const [fewer, other] = itemsOf.get(a)!.length <= itemsOf.get(b)!.length ? [a, b] : [b, a];
      const shared = itemsOf.get(fewer)!.filter((unit) => unit.verdicts[other] !== undefined);
      if (shared.length === 0) continue;
      const xs = shared.map((unit) => unit.verdicts[a]);
      const ys = shared.map((unit) => unit.verdicts[b]);
      const decisive = shared.filter((unit) => unit.verdicts[a] !== "unsure" && unit.verdicts[b] !== "unsure");
      const all = cohenKappa(xs, ys, { categories: VERDICTS });
      const acceptReject = cohenKappa(
        decisive.map((unit) => unit.verdicts[a] as (typeof AR_CATEGORIES)[number]),
        decisive.map((unit) => unit.verdicts[b] as (typeof AR_CATEGORIES)[number]),
        { categories: AR_CATEGORIES },
      );
      const [sharedKey, disagreeKey, decisiveKey] = [
        verdictMetric("pair", a, b),
        verdictMetric("pair", a, b, "disagree"),
        verdictMetric("pair", a, b, "accept_reject"),
      ];
      for (const unit of shared) {
        add(sharedKey, unit.candidateId);
        if (unit.verdicts[a] !== unit.verdicts[b]) add(disagreeKey, unit.candidateId);
      }
      for (const unit of decisive) add(decisiveKey, unit.candidateId);
      const notes = [
        all.reason && `kappa: ${all.reason}`,
        acceptReject.reason &&
          `kappa_accept_reject: ${acceptReject.reason === "no labels" ? "every shared item has an unsure" : acceptReject.reason}`,
      ].filter(Boolean);
      pairwise.push({
        a,
        b,
        n: shared.length,
        kappa: all.kappa,
        kappa_accept_reject: acceptReject.kappa,
        n_accept_reject: decisive.length,
        percent_agreement: percentAgreement(xs, ys),
        note: notes.length ? notes.join("; ") : null,
      });
    }
  }

  const byType = new Map<string, VerdictUnit[]>();
  for (const unit of multi) {
    const typed = byType.get(unit.editType);
    if (typed) typed.push(unit);
    else byType.set(unit.editType, [unit]);
  }
  const by_edit_type: EditTypeRow[] = [...byType.entries()]
    .sort((x, y) => y[1].length - x[1].length || x[0].localeCompare(y[0]))
    .map(([editType, typed]) => {
      ids.set(
        verdictMetric("type", editType),
        typed.map((unit) => unit.candidateId),
      );
      const result = krippendorffAlphaNominal(typed.map(values));
      return { edit_type: editType, items: typed.length, krippendorff_alpha: result.alpha, note: result.reason };
    });

  return {
    json: {
      reviewers,
      items: multi.length,
      decided_items: units.length,
      krippendorff_alpha: alpha.alpha,
      krippendorff_alpha_note: alpha.reason,
      fleiss_kappa: { raters: fleiss.raters, items: fleiss.items, value: fleiss.kappa, note: fleiss.reason },
      pairwise,
      by_edit_type,
    },
    units: new Map(units.map((unit) => [unit.candidateId, unit])),
    ids,
  };
}
