import { describe, expect, it } from "vitest";
import type { Verdict } from "../db/schema";
import { verdictAgreement, verdictMetric, type VerdictUnit } from "./verdicts";

const unit = (candidateId: number, editType: string, verdicts: Record<string, Verdict>): VerdictUnit => ({
  candidateId,
  editType,
  verdicts,
});

// Seven items, three reviewers; item 7 has one verdict only. Hand values (exact fractions, checked
// with the Python script in REFERENCES.md):
//   ann·ben on 1–6: (a,a) (a,r) (r,r) (u,a) (a,a) (r,a): p_o 1/2, p_e 16/36 → κ 1/10;
//   α overall 14/53, T1 5/19, T2 3/8; Fleiss over the m = 2 items (1–4): 3/19.
const UNITS = [
  unit(6, "T2", { ann: "reject", ben: "accept", cat: "reject" }),
  unit(1, "T1", { ann: "accept", ben: "accept" }),
  unit(2, "T1", { ann: "accept", ben: "reject" }),
  unit(3, "T1", { ann: "reject", ben: "reject" }),
  unit(4, "T1", { ann: "unsure", ben: "accept" }),
  unit(5, "T2", { ann: "accept", ben: "accept", cat: "accept" }),
  unit(7, "T2", { cat: "accept" }),
];

describe("verdictAgreement", () => {
  const result = verdictAgreement(UNITS);
  const { json } = result;

  it("counts reviewers and items (two or more verdicts)", () => {
    expect(json.reviewers).toEqual(["ann", "ben", "cat"]);
    expect(json.items).toBe(6);
    expect(json.decided_items).toBe(7);
    expect(result.ids.get(verdictMetric("multi"))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("Krippendorff's α overall and per edit type", () => {
    expect(json.krippendorff_alpha).toBeCloseTo(14 / 53, 12);
    expect(json.krippendorff_alpha_note).toBeNull();
    expect(json.by_edit_type).toEqual([
      { edit_type: "T1", items: 4, krippendorff_alpha: expect.closeTo(5 / 19, 12), note: null },
      { edit_type: "T2", items: 2, krippendorff_alpha: expect.closeTo(3 / 8, 12), note: null },
    ]);
    expect(result.ids.get(verdictMetric("type", "T2"))).toEqual([5, 6]);
  });

  it("Fleiss' κ over the items with the modal number of verdicts (m = 2: items 1–4)", () => {
    expect(json.fleiss_kappa).toEqual({ raters: 2, items: 4, value: expect.closeTo(3 / 19, 12), note: null });
    expect(result.ids.get(verdictMetric("fleiss"))).toEqual([1, 2, 3, 4]);
  });

  it("pairwise Cohen's κ over three verdicts and over accept/reject only", () => {
    const [annBen, annCat, benCat] = json.pairwise;
    // ann·ben without unsure: (a,a) (a,r) (r,r) (a,a) (r,a): p_o 3/5; ann a3 r2, ben a3 r2 → p_e 13/25 → κ (2/25)/(12/25) = 1/6.
    expect(annBen).toEqual({
      a: "ann",
      b: "ben",
      n: 6,
      kappa: expect.closeTo(1 / 10, 12),
      kappa_accept_reject: expect.closeTo(1 / 6, 12),
      n_accept_reject: 5,
      percent_agreement: 0.5,
      note: null,
    });
    expect(annCat).toMatchObject({ a: "ann", b: "cat", n: 2, kappa: 1, kappa_accept_reject: 1, percent_agreement: 1, note: null });
    // ben said accept on both shared items: κ is 0 by construction, so null with a note.
    expect(benCat).toMatchObject({ a: "ben", b: "cat", n: 2, kappa: null, kappa_accept_reject: null, percent_agreement: 0.5 });
    expect(benCat.note).toMatch(/^kappa: the first rater .* one single category.*; kappa_accept_reject: /);
    expect(result.ids.get(verdictMetric("pair", "ann", "ben", "disagree"))).toEqual([2, 4, 6]);
    expect(result.ids.get(verdictMetric("pair", "ann", "ben", "accept_reject"))).toEqual([1, 2, 3, 5, 6]);
  });

  it("leaves out reviewer pairs with no shared item and gives nulls with notes when nothing overlaps", () => {
    const lonely = verdictAgreement([unit(1, "T", { ann: "accept" }), unit(2, "T", { ben: "reject" })]);
    expect(lonely.json).toMatchObject({
      reviewers: ["ann", "ben"],
      items: 0,
      decided_items: 2,
      krippendorff_alpha: null,
      pairwise: [],
      by_edit_type: [],
    });
    expect(lonely.json.krippendorff_alpha_note).toMatch(/two or more/);
    expect(lonely.json.fleiss_kappa).toEqual({ raters: null, items: 0, value: null, note: "no item has two or more verdicts" });
    expect(JSON.stringify(verdictAgreement([]).json)).not.toMatch(/NaN/);
  });

  it("all unsure on shared items: kappa_accept_reject is null with a note", () => {
    const r = verdictAgreement([unit(1, "T", { ann: "unsure", ben: "accept" }), unit(2, "T", { ann: "reject", ben: "unsure" })]);
    expect(r.json.pairwise[0]).toMatchObject({ n: 2, n_accept_reject: 0, kappa_accept_reject: null, percent_agreement: 0 });
    expect(r.json.pairwise[0].note).toMatch(/kappa_accept_reject: every shared item has an unsure/);
  });
});
