import { describe, expect, it } from "vitest";
import { RUBRIC } from "../taxonomy";
import type { CriterionScores } from "../verdict";
import { compareJudges, judgeLabels } from "./compare-judges";
import type { AuditCandidate } from "./report-stats";

const NO_SCORES: CriterionScores = {
  instruction_compliance: null,
  seamlessness: null,
  preservation_balance: null,
  technical_quality: null,
};
const PRO = "gemini/gemini-2.5-pro/rubric-v1";
const FLASH = "gemini/gemini-2.5-flash/rubric-v1";
const rubric = { weights: { ...RUBRIC.weights }, threshold: 0.7 };

/** 80 items: people pass unless i % 3 = 0; Pro is wrong when i % 7 = 0, Flash when i % 5 = 0. */
function table(): AuditCandidate[] {
  return Array.from({ length: 80 }, (_, i) => {
    const human = i % 3 !== 0;
    const pro = i % 7 === 0 ? !human : human;
    const flash = i % 5 === 0 ? !human : human;
    return {
      candidateId: i + 1,
      editType: i % 2 ? "Zoom in" : "Remove an existing object",
      group: "g",
      judgements: [
        {
          id: 2 * i + 1,
          judgeId: PRO,
          scores: NO_SCORES,
          reportedOverall: pro ? 0.9 : 0.3,
          costUsd: 0.004,
          inputTokens: 2000,
          outputTokens: 150,
        },
        {
          id: 2 * i + 2,
          judgeId: FLASH,
          scores: NO_SCORES,
          reportedOverall: flash ? 0.9 : 0.3,
          costUsd: 0.00124,
          inputTokens: 2000,
          outputTokens: 200,
        },
      ],
      reviews: [
        { reviewer: "ann", verdict: human ? "accept" : "reject", scores: {}, sampleId: null, sampleProbability: null, createdAt: "" },
      ],
    };
  });
}

describe("compareJudges", () => {
  // Reference: numpy re-implementation with the same mulberry32 draws (script in REFERENCES.md).
  const result = compareJudges(table(), rubric, PRO, FLASH);

  it("each judge's κ and accuracy against people, on the same items", () => {
    expect(result.items).toBe(80);
    expect(result.a.kappa).toBeCloseTo(0.6763317599460552, 13);
    expect(result.b.kappa).toBeCloseTo(0.5684423465947405, 13);
    expect(result.a.accuracy).toBeCloseTo(0.85, 14);
    expect(result.b.accuracy).toBeCloseTo(0.8, 14);
    expect(result.kappa_difference.estimate).toBeCloseTo(-0.10788941335131474, 13);
  });

  it("paired bootstrap intervals repeat the numpy computation with the same seed", () => {
    expect(result.bootstrap).toMatchObject({ resamples: 2000, usable: 2000, seed: 20251 });
    expect(result.kappa_difference.ci![0]).toBeCloseTo(-0.3589310130789038, 12);
    expect(result.kappa_difference.ci![1]).toBeCloseTo(0.1419541483700758, 12);
    expect(result.accuracy_difference.ci![0]).toBeCloseTo(-0.175, 12);
    expect(result.accuracy_difference.ci![1]).toBeCloseTo(0.0625, 12);
  });

  it("exact McNemar on who is right, cost per item and the plain sentence", () => {
    expect(result.mcnemar.a_right_b_wrong).toBe(13);
    expect(result.mcnemar.a_wrong_b_right).toBe(9);
    expect(result.mcnemar.p).toBeCloseTo(0.5234670639038086, 13);
    expect(result.a.cost_per_item_usd).toBeCloseTo(0.004, 15);
    expect(result.b.output_tokens_per_item).toBe(200);
    expect(result.cost_ratio).toBeCloseTo(0.31, 12);
    // The interval allows a large loss, so the sentence does not claim "as well as".
    expect(result.sentence).toBe(
      "gemini-2.5-flash is not shown to agree with reviewers as well as gemini-2.5-pro: its κ could be up " +
        "to 0.36 lower (κ difference −0.11, 95% CI −0.36 to +0.14, 80 items) at 31% of the cost. Label more " +
        "items to decide.",
    );
    expect(result.notes.join(" ")).toMatch(/Only 80 items/);
  });

  it("per edit type, largest difference first", () => {
    expect(result.by_edit_type).toHaveLength(2);
    const [first, second] = result.by_edit_type;
    expect(Math.abs(first.difference)).toBeGreaterThanOrEqual(Math.abs(second.difference));
    expect(first.items + second.items).toBe(80);
    expect(first.a_right_b_wrong + second.a_right_b_wrong).toBe(13);
  });

  it("items only one judge saw are left out and counted; a clearly better judge is called better", () => {
    const rows = table();
    rows[0].judgements = rows[0].judgements.filter((j) => j.judgeId === PRO);
    // A perfect judge: copies the people.
    for (const row of rows)
      row.judgements.push({
        id: 1000 + row.candidateId,
        judgeId: "gemini/oracle/rubric-v1",
        scores: NO_SCORES,
        reportedOverall: row.reviews[0].verdict === "accept" ? 0.9 : 0.3,
      });
    const oracle = compareJudges(rows, rubric, FLASH, "gemini/oracle/rubric-v1");
    expect(oracle.only_b).toBe(1);
    expect(oracle.items).toBe(79);
    expect(oracle.sentence).toMatch(/^oracle agrees with reviewers better than gemini-2.5-flash/);
    expect(oracle.cost_ratio).toBeNull();
    expect(compareJudges([], rubric, PRO, FLASH).sentence).toMatch(/No item/);
  });

  it("says 'as well as' only when the interval rules out a loss above 0.05", () => {
    // 800 items (the table ten times over), Flash wrong on exactly Pro's items: identical judges.
    const rows = Array.from({ length: 10 }, (_, copy) =>
      table().map((row) => ({
        ...row,
        candidateId: row.candidateId + copy * 1000,
        judgements: row.judgements.map((j) => (j.judgeId === FLASH ? { ...j, reportedOverall: row.judgements[0].reportedOverall } : j)),
      })),
    ).flat();
    const same = compareJudges(rows, rubric, PRO, FLASH, { resamples: 500 });
    expect(same.kappa_difference.estimate).toBe(0);
    expect(same.sentence).toMatch(
      /^gemini-2\.5-flash agrees with reviewers as well as gemini-2\.5-pro \(κ difference 0\.00, 95% CI 0\.00 to 0\.00, 800 items\) at 31% of the cost\.$/,
    );
  });

  it("labels keep what differs between the ids", () => {
    expect(judgeLabels(PRO, FLASH)).toEqual(["gemini-2.5-pro", "gemini-2.5-flash"]);
    expect(judgeLabels("gemini/g/rubric-v1", "gemini/g/rubric-v2")).toEqual(["rubric-v1", "rubric-v2"]);
    expect(judgeLabels("metrics/pixel-v1", PRO)).toEqual(["metrics/pixel-v1", PRO]);
  });
});
