// The verdict rules run as TypeScript (lib/verdict) and as SQL (lib/verdict/sql.ts, inside the
// statements that store verdicts). Both come from the same data; this runs the SQL on PGlite for
// every combination of inputs and checks it gives what the TypeScript gives.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { pgliteRunner } from "../db/client";
import { queryRows } from "../db/rows";
import { CRITERIA, RUBRIC, type Weights } from "../taxonomy";
import {
  adjudicatedHumanOutcome,
  effectiveOutcome,
  humanOutcome,
  isDisagreement,
  judgeOutcome,
  OUTCOMES,
  passesForExport,
  weightedOverall,
  type CriterionScores,
  type HumanOutcome,
  type JudgeOutcome,
  type Prior,
} from ".";
import {
  adjudicatedHumanSql,
  disagreementSql,
  effectiveVerdictSql,
  humanVerdictSql,
  judgeVerdictSql,
  passesForExportSql,
  weightedOverallSql,
} from "./sql";

const JUDGE_OUTCOMES: JudgeOutcome[] = ["pass", "fail", "none"];
const HUMAN_OUTCOMES: HumanOutcome[] = ["pass", "fail", "unresolved", "none"];
const PRIORS: Prior[] = ["pass", "fail", "none"];

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.waitReady;
});
afterAll(() => db.close());

/** Evaluates `expression` over rows given as parallel arrays (one SQL array type per column), in order. */
async function sqlOver(columns: Record<string, { type: string; values: unknown[] }>, expression: string): Promise<unknown[]> {
  const names = Object.keys(columns);
  const arrays = names.map((name, index) => `$${index + 1}::${columns[name].type}[]`);
  const rows = await queryRows(
    pgliteRunner(db),
    z.object({ value: z.unknown() }),
    `SELECT ${expression} AS value FROM unnest(${arrays.join(", ")}) WITH ORDINALITY AS t(${names.join(", ")}, position) ORDER BY position`,
    names.map((name) => columns[name].values),
  );
  return rows.map((row) => row.value);
}

const product = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap((a) => bs.map((b): [A, B] => [a, b]));

describe("TypeScript and SQL verdict rules agree on every combination", () => {
  it("judge verdict: overall (or none) against the threshold", async () => {
    const cases = product([null, 0, 0.3, 0.6999, 0.7, 0.7001, 1], [0, 0.5, 0.7, 1]);
    const sql = await sqlOver(
      {
        overall: { type: "float8", values: cases.map(([overall]) => overall) },
        threshold: { type: "float8", values: cases.map(([, threshold]) => threshold) },
      },
      judgeVerdictSql({ overall: "overall", threshold: "threshold" }),
    );
    expect(sql).toEqual(cases.map(([overall, threshold]) => judgeOutcome(overall, threshold)));
    expect(new Set(sql)).toEqual(new Set(JUDGE_OUTCOMES));
  });

  it("human verdict: every mix of up to four reviewers' accept / reject / unsure", async () => {
    const mixes: ("accept" | "reject" | "unsure")[][] = [];
    for (let accepts = 0; accepts <= 4; accepts++)
      for (let rejects = 0; accepts + rejects <= 4; rejects++)
        for (let unsure = 0; accepts + rejects + unsure <= 4; unsure++)
          mixes.push([...Array(accepts).fill("accept"), ...Array(rejects).fill("reject"), ...Array(unsure).fill("unsure")]);
    const count = (mix: string[], verdict: string) => mix.filter((value) => value === verdict).length;
    const sql = await sqlOver(
      {
        reviewers: { type: "int8", values: mixes.map((mix) => mix.length) },
        accepts: { type: "int8", values: mixes.map((mix) => count(mix, "accept")) },
        rejects: { type: "int8", values: mixes.map((mix) => count(mix, "reject")) },
      },
      humanVerdictSql({ reviewers: "reviewers", accepts: "accepts", rejects: "rejects" }),
    );
    expect(sql).toEqual(mixes.map((mix) => humanOutcome(mix)));
    expect(new Set(sql)).toEqual(new Set(HUMAN_OUTCOMES));
  });

  it("human verdict after adjudication: every ruling × majority", async () => {
    const cases = product(["accept", "reject", "none"] as const, HUMAN_OUTCOMES);
    const sql = await sqlOver(
      {
        adjudicated: { type: "text", values: cases.map(([adjudicated]) => adjudicated) },
        majority: { type: "text", values: cases.map(([, majority]) => majority) },
      },
      adjudicatedHumanSql({ adjudicated: "adjudicated", majority: "majority" }),
    );
    expect(sql).toEqual(cases.map(([adjudicated, majority]) => adjudicatedHumanOutcome(adjudicated, majority)));
    expect(adjudicatedHumanOutcome("reject", "pass")).toBe("fail");
    expect(adjudicatedHumanOutcome("none", "unresolved")).toBe("unresolved");
  });

  it("effective verdict and disagreement: every human × judge × prior", async () => {
    const cases = product(product(HUMAN_OUTCOMES, JUDGE_OUTCOMES), PRIORS).map(([[human, judge], prior]) => ({ human, judge, prior }));
    const columns = {
      human: { type: "text", values: cases.map((entry) => entry.human) },
      judge: { type: "text", values: cases.map((entry) => entry.judge) },
      prior: { type: "text", values: cases.map((entry) => entry.prior) },
    };
    const names = { human: "human", judge: "judge", prior: "prior" };
    expect(await sqlOver(columns, effectiveVerdictSql(names))).toEqual(
      cases.map((entry) => effectiveOutcome(entry.human, entry.judge, entry.prior)),
    );
    const disagreements = await sqlOver(columns, disagreementSql(names));
    expect(disagreements).toEqual(cases.map((entry) => isDisagreement(entry.human, entry.judge)));
    expect(disagreements.filter(Boolean).length).toBe(2 * PRIORS.length); // pass/fail and fail/pass only
  });

  it("passes for export: every stored effective × judge × prior", async () => {
    const cases = product(product(OUTCOMES, OUTCOMES), PRIORS).map(([[effectiveVerdict, judgeVerdict], prior]) => ({
      effectiveVerdict,
      judgeVerdict,
      prior,
    }));
    const sql = await sqlOver(
      {
        effective_verdict: { type: "text", values: cases.map((entry) => entry.effectiveVerdict) },
        judge_verdict: { type: "text", values: cases.map((entry) => entry.judgeVerdict) },
        prior: { type: "text", values: cases.map((entry) => entry.prior) },
      },
      passesForExportSql("t"),
    );
    expect(sql).toEqual(cases.map((entry) => passesForExport(entry)));
    expect(passesForExport({ effectiveVerdict: "unresolved", judgeVerdict: "none", prior: "pass" })).toBe(true);
  });

  it("weighted overall: every pattern of scored criteria, weights with zeros, with and without a reported overall", async () => {
    const levels = [null, 0, 0.35, 1];
    const scoreSets: CriterionScores[] = [];
    for (let code = 0; code < levels.length ** CRITERIA.length; code++) {
      const digits = CRITERIA.map((_, index) => Math.floor(code / levels.length ** index) % levels.length);
      scoreSets.push(Object.fromEntries(CRITERIA.map((criterion, index) => [criterion, levels[digits[index]]])) as CriterionScores);
    }
    const weightSets: Weights[] = [
      RUBRIC.weights,
      { instruction_compliance: 1, seamlessness: 0, preservation_balance: 0, technical_quality: 0 },
      { instruction_compliance: 0.1, seamlessness: 0.2, preservation_balance: 0.3, technical_quality: 0.4 },
    ];
    const cases = product(product(scoreSets, weightSets), [null, 0.81]).map(([[scores, weights], reported]) => ({
      scores,
      weights,
      reported,
    }));
    const columns: Record<string, { type: string; values: unknown[] }> = {
      reported: { type: "float8", values: cases.map((entry) => entry.reported) },
    };
    for (const criterion of CRITERIA) {
      columns[`s_${criterion}`] = { type: "float8", values: cases.map((entry) => entry.scores[criterion]) };
      columns[`w_${criterion}`] = { type: "float8", values: cases.map((entry) => entry.weights[criterion]) };
    }
    const byCriterion = (prefix: string) =>
      Object.fromEntries(CRITERIA.map((criterion) => [criterion, `${prefix}${criterion}`])) as Record<(typeof CRITERIA)[number], string>;
    const sql = await sqlOver(columns, weightedOverallSql(byCriterion("s_"), byCriterion("w_"), "reported"));
    // Same sums in the same order: the same float, not just a close one.
    expect(sql).toEqual(cases.map((entry) => weightedOverall(entry.scores, entry.weights, entry.reported)));
    expect(sql.filter((value) => value === null).length).toBeGreaterThan(0);
  });
});
