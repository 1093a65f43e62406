import { describe, expect, it } from "vitest";
import { seededRandom } from "../random";
import { EDIT_TYPES, RUBRIC } from "../taxonomy";
import type { CriterionScores } from "../verdict";
import { buildAuditReport, type AuditCandidate, type AuditInput, type PopulationRow } from "./report";
import { contamination, directionReport } from "./report-direction";
import type { ItemOutcome } from "./report-stats";

const NO_SCORES: CriterionScores = {
  instruction_compliance: null,
  seamlessness: null,
  preservation_balance: null,
  technical_quality: null,
};
const HARD = EDIT_TYPES.filter((type) => type.paperSuccessRate !== null && type.paperSuccessRate < 0.7).map((type) => type.editType);

function outcome(judge: "pass" | "fail", human: "pass" | "fail", sampleProbability: number | null = null, editType = "t"): ItemOutcome {
  return {
    candidateId: 0,
    editType,
    group: "g",
    overall: judge === "pass" ? 0.8 : 0.4,
    judgeScores: null,
    judge,
    human,
    humanScores: {},
    sampleProbability,
  };
}

describe("contamination", () => {
  it("plain share with a Wilson interval, projected onto the unreviewed judge passes", () => {
    // 15 of 148 (Newcombe 1998 Table I: Wilson 0.0624–0.1605).
    const items = [
      ...Array.from({ length: 15 }, () => outcome("pass", "fail")),
      ...Array.from({ length: 133 }, () => outcome("pass", "pass")),
      outcome("fail", "fail"),
    ];
    const result = contamination(items, 1000);
    expect(result).toMatchObject({ judge_passed: 148, rejected: 15, method: "wilson", export_judge_passes: 1000 });
    expect(result.rate).toBeCloseTo(15 / 148, 14);
    expect(result.ci![0]).toBeCloseTo(0.0624, 4);
    expect(result.ci![1]).toBeCloseTo(0.1605, 4);
    expect(result.projected_bad).toBeCloseTo((15 / 148) * 1000, 10);
    expect(result.projected_ci![1]).toBeCloseTo(result.ci![1] * 1000, 10);
  });

  it("1/π-weighted (Hájek) when every label came from an audit sample (sampling.test reference)", () => {
    // Rejections 1,0,0,1,0,0 at π 0.01 and 1,1,0,1 at π 0.05 → 260/680 = 0.382353, SE 0.18337377.
    const rejected = [1, 0, 0, 1, 0, 0, 1, 1, 0, 1];
    const items = rejected.map((isBad, i) => outcome("pass", isBad ? "fail" : "pass", i < 6 ? 0.01 : 0.05));
    const result = contamination(items, 500);
    expect(result.method).toBe("ipw");
    expect(result.rate).toBeCloseTo(260 / 680, 14);
    expect(result.ci![0]).toBeCloseTo(260 / 680 - 1.959963984540054 * 0.18337377415385184, 10);
    expect(result.projected_bad).toBeCloseTo((260 / 680) * 500, 10);
    // One label picked by browsing: no design weights, back to the plain share.
    expect(contamination([...items, outcome("pass", "pass")], 500).method).toBe("wilson");
  });

  it("no judge passes: no rate", () => {
    expect(contamination([outcome("fail", "pass")], 10)).toMatchObject({ judge_passed: 0, rate: null, ci: null, projected_bad: null });
  });
});

describe("directionReport", () => {
  it("splits slices by direction with the paired interval, exact McNemar and BH across slices", () => {
    const repeat = (n: number, judge: "pass" | "fail", human: "pass" | "fail") => Array.from({ length: n }, () => outcome(judge, human));
    // Altman's [[14, 5], [0, 22]]: judge +0.122 (0.0115 – 0.2265), McNemar 0.0625.
    const lenient = [...repeat(14, "pass", "pass"), ...repeat(5, "pass", "fail"), ...repeat(22, "fail", "fail")];
    // [[300, 48], [82, 170]]: judge −0.0567 (−0.0935 – −0.0195), McNemar 0.003634.
    const strict = [
      ...repeat(300, "pass", "pass"),
      ...repeat(48, "pass", "fail"),
      ...repeat(82, "fail", "pass"),
      ...repeat(170, "fail", "fail"),
    ];
    const report = directionReport([
      { slice: "edit_type", key: "A", items: lenient, exportJudgePasses: 100 },
      { slice: "group", key: "G", items: strict, exportJudgePasses: null },
      { slice: "edit_type", key: "empty", items: [], exportJudgePasses: 0 },
    ]);
    expect(report.rows).toHaveLength(2);
    const [a] = report.too_lenient;
    expect(a).toMatchObject({ slice: "edit_type", edit_type: "A", labelled: 41, wrong_accepts: 5, wrong_rejects: 0 });
    expect(a.difference_ci![0]).toBeCloseTo(0.011483241383033263, 12);
    expect(a.mcnemar_p).toBeCloseTo(0.0625, 14);
    expect(a.adjusted_p).toBeCloseTo(0.0625, 14); // BH with m = 2: max(0.0625·2/2, …)
    const [g] = report.too_strict;
    expect(g).toMatchObject({ slice: "group", group: "G", wrong_accepts: 48, wrong_rejects: 82 });
    expect(g.difference_ci![1]).toBeCloseTo(-0.0195041174626773, 12);
    expect(g.adjusted_p).toBeCloseTo(0.0036340112928066356 * 2, 13);
  });
});

/**
 * A held-out-style table: 600 labelled items (by default) over the 35 types. On the six types whose paper
 * success rate is below 0.7 the judge is planted too lenient (it passes most edits people reject);
 * elsewhere it errs both ways, a little more often by rejecting good edits.
 */
function heldOutTable(seed: number, size = 600): AuditCandidate[] {
  const random = seededRandom(seed);
  return Array.from({ length: size }, (_, i): AuditCandidate => {
    const type = EDIT_TYPES[i % EDIT_TYPES.length];
    const isHard = HARD.includes(type.editType);
    const humanPass = random() < (isHard ? 0.59 : 0.75);
    const judgePass = isHard ? (humanPass ? random() < 0.97 : random() < 0.55) : humanPass ? random() > 0.2 : random() < 0.1;
    const overall = judgePass ? 0.7 + 0.3 * random() : 0.7 * random();
    return {
      candidateId: i + 1,
      editType: type.editType,
      group: type.group,
      judgements: [{ id: i + 1, judgeId: "gemini/pro/rubric-v1", scores: NO_SCORES, reportedOverall: overall }],
      reviews: [
        {
          reviewer: "ann",
          verdict: humanPass ? "accept" : "reject",
          scores: {},
          sampleId: null,
          sampleProbability: null,
          createdAt: "2026-01-01T00:00:00.000Z",
        },
      ],
    };
  });
}

function input(candidates: AuditCandidate[]): AuditInput {
  const population: PopulationRow[] = EDIT_TYPES.map((type) => ({
    edit_type: type.editType,
    group: type.group,
    candidates: 1000,
    judged: 1000,
    judge_pass: 700,
    judge_pass_unreviewed: 680,
  }));
  return {
    dataset: { id: 1, name: "held-out", threshold: 0.7, weights: { ...RUBRIC.weights } },
    slice: {},
    judgeIds: ["gemini/pro/rubric-v1"],
    reviewers: ["ann"],
    candidates,
    population,
    datasetPassCounts: null,
    samples: [],
    sampleUnits: null,
    generatedAt: "2026-01-02T00:00:00.000Z",
  };
}

describe("planted leniency", () => {
  const hits = (types: (string | undefined)[]) => types.slice(0, 6).filter((type) => HARD.includes(type!)).length;
  const lenientTop = (seed: number, size?: number) => {
    const report = buildAuditReport(input(heldOutTable(seed, size)));
    return {
      report,
      lenient: hits(report.too_lenient.filter((row) => row.slice === "edit_type").map((row) => row.edit_type)),
      byError: hits(report.by_edit_type.map((row) => row.edit_type)),
    };
  };

  it("too_lenient puts the six hard types at its top; the error-rate ranking does not", () => {
    // ~17 items per type leaves room for chance: over 20 tables the planted types fill on average
    // nearly all of the top six places of too_lenient, and far fewer of the worst-by-error six.
    const runs = Array.from({ length: 20 }, (_, i) => lenientTop(i + 1));
    const mean = (pick: (run: (typeof runs)[number]) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
    expect(mean((run) => run.lenient)).toBeGreaterThanOrEqual(5);
    expect(runs.every((run) => run.lenient >= 4)).toBe(true);
    expect(mean((run) => run.byError)).toBeLessThan(3); // measured: 5.1 vs 2.1, worst table 4 of 6
  });

  it("with twice the labels the six are exactly the top six on every table", () => {
    for (let seed = 1; seed <= 8; seed++) expect(lenientTop(seed, 1200).lenient).toBe(6);
  });

  it("overall contamination and its projection; too_strict holds only negative differences", () => {
    const { report } = lenientTop(1);
    const c = report.confusion;
    expect(report.contamination.rate).toBeCloseTo(c.judge_pass_human_fail / (c.judge_pass_human_pass + c.judge_pass_human_fail), 14);
    expect(report.contamination.projected_bad).toBeCloseTo(report.contamination.rate! * 35 * 680, 8);
    expect(report.too_strict.length).toBeGreaterThan(0);
    expect(report.too_strict.every((row) => row.difference! < 0)).toBe(true);
    expect(report.too_lenient.every((row) => row.difference! > 0)).toBe(true);
  });
});
