import { describe, expect, it } from "vitest";
import { RUBRIC } from "../taxonomy";
import type { CriterionScores } from "../verdict";
import {
  buildAuditReport,
  sweepThresholds,
  type AuditCandidate,
  type AuditInput,
  type AuditReview,
  type DatasetPassCounts,
} from "./report";

const REMOVE = "Remove an existing object"; // Object-Level Semantic, paper success rate 0.8328
const FONT = "Change font style or color of visible text if there is text"; // Text & Symbol, 0.5759
const ZOOM = "Zoom in"; // Scale, no stated rate

const NO_SCORES: CriterionScores = {
  instruction_compliance: null,
  seamlessness: null,
  preservation_balance: null,
  technical_quality: null,
};
let nextId = 1;

/** A judgement that reports only an overall: the weighted overall is then exactly that number. */
function candidate(
  editType: string,
  overall: number | null,
  verdicts: AuditReview["verdict"][],
  extra: Partial<AuditCandidate> = {},
): AuditCandidate {
  const id = nextId++;
  const group = editType === REMOVE ? "Object-Level Semantic" : editType === FONT ? "Text & Symbol" : "Scale";
  return {
    candidateId: id,
    editType,
    group,
    judgements: overall === null ? [] : [{ id: id * 10, judgeId: "gemini/test/rubric-v1", scores: NO_SCORES, reportedOverall: overall }],
    reviews: verdicts.map((verdict, index) => ({
      reviewer: ["ann", "ben", "cy"][index],
      verdict,
      scores: {},
      sampleId: null,
      sampleProbability: null,
      createdAt: "2026-01-01T00:00:00.000Z",
    })),
    ...extra,
  };
}

const repeat = (times: number, make: () => AuditCandidate) => Array.from({ length: times }, make);

/** Judge pass = overall 0.8, fail = 0.4 (threshold 0.7); human accept/reject. */
function cells(editType: string, pp: number, pf: number, fp: number, ff: number): AuditCandidate[] {
  return [
    ...repeat(pp, () => candidate(editType, 0.8, ["accept"])),
    ...repeat(pf, () => candidate(editType, 0.8, ["reject"])),
    ...repeat(fp, () => candidate(editType, 0.4, ["accept"])),
    ...repeat(ff, () => candidate(editType, 0.4, ["reject"])),
  ];
}

function input(candidates: AuditCandidate[], extra: Partial<AuditInput> = {}): AuditInput {
  return {
    dataset: { id: 1, name: "t", threshold: 0.7, weights: { ...RUBRIC.weights } },
    slice: {},
    judgeIds: ["gemini/test/rubric-v1"],
    reviewers: ["ann", "ben"],
    candidates,
    population: [
      { edit_type: REMOVE, group: "Object-Level Semantic", candidates: 100, judged: 90, judge_pass: 60 },
      { edit_type: FONT, group: "Text & Symbol", candidates: 20, judged: 20, judge_pass: 8 },
      { edit_type: ZOOM, group: "Scale", candidates: 300, judged: 0, judge_pass: 0 },
    ],
    datasetPassCounts: null,
    samples: [],
    sampleUnits: null,
    generatedAt: "2026-01-02T00:00:00.000Z",
    ...extra,
  };
}

// The Wikipedia "Cohen's kappa" table (judge rows × human columns): pass/pass 20, pass/fail 5,
// fail/pass 10, fail/fail 15 → p_o 0.7, κ 0.4, SE 0.1269960629, CI 0.1510923–0.6489077
// (REFERENCES.md). Split so FONT is clearly worse: FONT 2/5/5/3 (10 of 15 wrong), REMOVE 18/0/5/12.
const wiki = [...cells(FONT, 2, 5, 5, 3), ...cells(REMOVE, 18, 0, 5, 12)];

describe("buildAuditReport", () => {
  const report = buildAuditReport(input(wiki));

  it("top level: the Wikipedia table's accuracy, κ and interval, precision/recall (hand)", () => {
    expect(report.labelled).toBe(50);
    expect(report.accuracy).toBeCloseTo(0.7, 12);
    expect(report.kappa).toBeCloseTo(0.4, 12);
    expect(report.kappa_se).toBeCloseTo(0.1269960629, 9);
    expect(report.kappa_ci![0]).toBeCloseTo(0.1510923, 6);
    expect(report.kappa_ci![1]).toBeCloseTo(0.6489077, 6);
    expect(report.confusion).toEqual({
      judge_pass_human_pass: 20,
      judge_pass_human_fail: 5,
      judge_fail_human_pass: 10,
      judge_fail_human_fail: 15,
    });
    expect(report.accept.precision).toBeCloseTo(20 / 25, 12);
    expect(report.accept.recall).toBeCloseTo(20 / 30, 12);
    expect(report.reject.precision).toBeCloseTo(15 / 25, 12);
    expect(report.reject.recall).toBeCloseTo(15 / 20, 12);
    expect(report.judge_id).toBe("latest");
    expect(report.population).toEqual({ candidates: 420, judged: 110, judge_pass_rate: 68 / 110 });
  });

  it("per edit type: worst first, with population and paper rates, unlabelled types last", () => {
    expect(report.by_edit_type.map((row) => row.edit_type)).toEqual([FONT, REMOVE, ZOOM]);
    const [font, remove, zoom] = report.by_edit_type;
    expect(font).toMatchObject({ labelled: 15, errors: 10, group: "Text & Symbol", paper_success_rate: 0.5759 });
    expect(font.judge_pass_rate).toBeCloseTo(7 / 15, 12);
    expect(font.human_pass_rate).toBeCloseTo(7 / 15, 12);
    expect(font.population.judge_pass_rate).toBeCloseTo(8 / 20, 12);
    // Wilson 10/15: the sort key is the interval's low end.
    expect(font.error_ci![0]).toBeGreaterThan(remove.error_ci![0]);
    expect(remove).toMatchObject({ labelled: 35, errors: 5, paper_success_rate: 0.8328 });
    expect(zoom).toMatchObject({ labelled: 0, accuracy: null, kappa: null, paper_success_rate: null });
    expect(report.by_group.map((row) => row.group)).toEqual(["Text & Symbol", "Object-Level Semantic", "Scale"]);
  });

  it("threshold sweep marks the best threshold and counts dataset flips from the pass counts", () => {
    // κ is 0.4 for every t in (0.4, 0.8]: the tie goes to the current threshold.
    expect(report.best_threshold).toBe(0.7);
    expect(report.threshold_sweep.current.kappa).toBeCloseTo(0.4, 12);
    const overalls = [0.1, 0.5, 0.65, 0.72, 0.9];
    const thresholds = sweepThresholds(0.7);
    const counts: DatasetPassCounts = {
      thresholds,
      pass: thresholds.map((t) => overalls.filter((o) => o >= t).length),
      passWithoutHuman: thresholds.map((t) => overalls.filter((o, i) => o >= t && i !== 4).length),
    };
    const sweep = buildAuditReport(input(wiki, { datasetPassCounts: counts })).threshold_sweep;
    const at = (t: number) => sweep.rows.find((row) => row.threshold === t)!;
    expect(at(0.6)).toMatchObject({ dataset_flips: 1, dataset_effective_flips: 1 });
    expect(at(0.8)).toMatchObject({ dataset_flips: 1, dataset_effective_flips: 1 });
    expect(at(0.95)).toMatchObject({ dataset_flips: 2, dataset_effective_flips: 1 });
    expect(at(0.3)).toMatchObject({ flips: 25, dataset_flips: 2 }); // every labelled fail (0.4) turns pass
    expect(report.threshold_sweep.rows[0].dataset_flips).toBeNull();
  });

  it("a convenience sample is named as such; weights need all four criterion scores", () => {
    expect(report.sampling.kind).toBe("convenience");
    expect(report.sampling.note).toMatch(/Convenience sample: 50 of 50 labels/);
    expect(report.weights.fitted).toBeNull();
    expect(report.weights.note).toMatch(/all four criterion scores/);
  });

  it("judge and reviewer slices: the judge picked, majority of reviewers, ties left out", () => {
    const twoJudges = candidate(REMOVE, null, ["accept"], {
      judgements: [
        { id: 1, judgeId: "metrics/pixel-v1", scores: NO_SCORES, reportedOverall: 0.9 },
        { id: 2, judgeId: "gemini/x/rubric-v1", scores: NO_SCORES, reportedOverall: 0.3 },
      ],
    });
    const tie = candidate(REMOVE, 0.9, ["accept", "reject"]);
    const majority = candidate(REMOVE, 0.9, ["accept", "reject", "reject"]);
    const rows = [twoJudges, tie, majority];
    const ids = { judgeIds: ["gemini/x/rubric-v1", "metrics/pixel-v1"] };
    const latest = buildAuditReport(input(rows, ids));
    expect(latest).toMatchObject({ reviewed: 3, labelled: 2, unresolved: 1, errors: 2 });
    const metrics = buildAuditReport(input(rows, { ...ids, slice: { judge_id: "metrics/pixel-v1" } }));
    expect(metrics).toMatchObject({ judge_id: "metrics/pixel-v1", labelled: 1, errors: 0, unjudged: 1 });
    expect(latest.by_judge.map((row) => [row.judge_id, row.labelled, row.errors])).toEqual([
      ["gemini/x/rubric-v1", 1, 1],
      ["metrics/pixel-v1", 1, 0],
    ]);
    expect(latest.by_reviewer.map((row) => [row.reviewer, row.labelled, row.errors])).toEqual([
      ["ann", 3, 1],
      ["ben", 2, 2],
      ["cy", 1, 1],
    ]);
    expect(latest.notes.join(" ")).toMatch(/1 reviewed items have a tied/);
  });

  it("per criterion: mean human − judge with a t interval, and Spearman (reference data)", () => {
    // Student's sleep data differences /10 → mean 0.158, CI 0.07001142–0.24598858 (R t.test);
    // Spearman on x = [1,2,2,3,4,4,4,5], y = [2,1,3,3,5,4,6,6] (/10) → 0.9007775105 (scipy).
    const sleep = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];
    const x = [1, 2, 2, 3, 4, 4, 4, 5];
    const y = [2, 1, 3, 3, 5, 4, 6, 6];
    const scored = (judge: Partial<CriterionScores>, human: AuditReview["scores"]) =>
      candidate(REMOVE, null, ["accept"], {
        judgements: [{ id: nextId * 10, judgeId: "g", scores: { ...NO_SCORES, ...judge }, reportedOverall: 0.5 }],
        reviews: [{ reviewer: "ann", verdict: "accept", scores: human, sampleId: null, sampleProbability: null, createdAt: "" }],
      });
    const rows = [
      ...sleep.map((d) => scored({ instruction_compliance: 0.2 }, { instruction_compliance: 0.2 + d / 10 })),
      ...x.map((xi, i) => scored({ seamlessness: y[i] / 10 }, { seamlessness: xi / 10 })),
    ];
    const [compliance, seamlessness, preservation] = buildAuditReport(input(rows)).criteria;
    expect(compliance.n).toBe(10);
    expect(compliance.mean_difference).toBeCloseTo(0.158, 12);
    expect(compliance.ci![0]).toBeCloseTo(0.07001142, 7);
    expect(compliance.ci![1]).toBeCloseTo(0.24598858, 7);
    expect(compliance.spearman).toBeNull(); // the judge's score is constant
    expect(seamlessness.spearman).toBeCloseTo(0.9007775105, 9);
    expect(seamlessness.mean_difference).toBeCloseTo((25 - 30) / 80, 12);
    expect(preservation).toMatchObject({ n: 0, mean_difference: null, spearman: null });
  });

  it("calibration: ECE of the hand-computed 8-score example", () => {
    const scores = [0.05, 0.15, 0.15, 0.55, 0.65, 0.95, 0.95, 1.0];
    const accepts = [0, 0, 1, 1, 0, 1, 1, 1];
    const r = buildAuditReport(input(scores.map((s, i) => candidate(REMOVE, s, [accepts[i] ? "accept" : "reject"]))));
    expect(r.ece).toBeCloseTo(0.24375, 12);
    expect(r.mce).toBeCloseTo(0.65, 12);
    expect(r.reliability.map((bin) => bin.count)).toEqual([1, 2, 0, 0, 0, 1, 1, 0, 0, 3]);
  });

  it("labels from an audit sample give 1/π-weighted estimates (sampling.test reference)", () => {
    // Errors 1,0,0,1,0,0 at π 0.01 and 1,1,0,1 at π 0.05 → Hájek 260/680 = 0.382353, SE 0.18337377.
    const errors = [1, 0, 0, 1, 0, 0, 1, 1, 0, 1];
    const rows = errors.map((isError, i) => {
      const row = candidate(REMOVE, 0.8, [isError ? "reject" : "accept"]);
      row.reviews[0] = { ...row.reviews[0], sampleId: 7, sampleProbability: i < 6 ? 0.01 : 0.05 };
      return row;
    });
    const units = {
      sampleId: 7,
      items: [
        ...rows.map((row, i) => ({ candidateId: row.candidateId, probability: i < 6 ? 0.01 : 0.05 })),
        { candidateId: 99999, probability: 0.05 },
      ],
    };
    const r = buildAuditReport(
      input(rows, { samples: [{ id: 7, method: "stratified", size: 11, seed: 1, created_at: "" }], sampleUnits: units }),
    );
    expect(r.sampling.kind).toBe("probability");
    const estimate = r.sampling.estimate!;
    expect(estimate).toMatchObject({ sample_id: 7, sampled: 11, labelled: 10, population: 110 });
    expect(estimate.error_rate.rate).toBeCloseTo(260 / 680, 12);
    expect(estimate.error_rate.se).toBeCloseTo(0.18337377415385184, 12);
    expect(estimate.human_pass_rate.rate).toBeCloseTo(1 - 260 / 680, 12);
    expect(estimate.false_accept_rate.rate).toBeCloseTo(260 / 680, 12); // the judge passed all ten
    expect(estimate.note).toMatch(/1 of 11 sampled items are not labelled/);
  });

  it("edge cases: no labels, one class only, all agree", () => {
    const empty = buildAuditReport(input([]));
    expect(empty).toMatchObject({ labelled: 0, accuracy: null, kappa: null, kappa_ci: null, ece: null, best_threshold: null });
    expect(empty.sampling.kind).toBe("none");
    expect(empty.notes[0]).toMatch(/No human labels yet/);
    const oneClass = buildAuditReport(input(cells(REMOVE, 6, 0, 3, 0)));
    expect(oneClass).toMatchObject({ labelled: 9, kappa: null, best_threshold: null });
    expect(oneClass.accuracy).toBeCloseTo(6 / 9, 12);
    expect(oneClass.kappa_note).toMatch(/every human verdict is pass/);
    const agree = buildAuditReport(input(cells(FONT, 4, 0, 0, 3)));
    expect(agree).toMatchObject({ accuracy: 1, kappa: 1, errors: 0, error_rate: 0 });
    expect(agree.error_ci![0]).toBe(0);
  });

  it("weights are fitted when every criterion is scored, and the change is reported", () => {
    // Humans accept exactly when instruction compliance ≥ 0.5; the other criteria are noise.
    const rows = Array.from({ length: 40 }, (_, i) => {
      const ic = ((i * 7) % 20) / 20 + 0.025;
      const scores = {
        instruction_compliance: ic,
        seamlessness: ((i * 3) % 10) / 10,
        preservation_balance: ((i * 11) % 10) / 10,
        technical_quality: 0.9,
      };
      return candidate(REMOVE, null, [ic >= 0.5 ? "accept" : "reject"], {
        judgements: [{ id: 1, judgeId: "g", scores, reportedOverall: null }],
      });
    });
    const weights = buildAuditReport(input(rows)).weights;
    expect(weights.n).toBe(40);
    expect(weights.fitted).not.toBeNull();
    const sum = Object.values(weights.fitted!).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(weights.fitted!.instruction_compliance).toBeGreaterThan(0.5);
    expect(weights.accuracy_fitted!).toBeGreaterThan(weights.accuracy_current!);
    expect(weights.labelled_flips).toBeGreaterThan(0);
  });
});
