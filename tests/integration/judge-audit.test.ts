// The judge audit against a real database on every backend: the report computed in JS from
// reviews and judgements agrees with the verdicts stored by SQL (so a number's browse link shows
// exactly its items), the flip previews match what applying does, the fast threshold path leaves
// the same state as a full refresh, and audit samples are stored, reproducible and weighted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadAuditReport } from "@/lib/db/queries/audit";
import { loadJudgeComparison } from "@/lib/db/queries/audit-compare";
import { applyRubric, currentRubric, previewRubric } from "@/lib/db/queries/audit-rubric";
import { createAuditSample, getAuditSample } from "@/lib/db/queries/audit-samples";
import { refreshCandidates, refreshDataset } from "@/lib/db/queries/candidate-state";
import { getDataset } from "@/lib/db/queries/datasets";
import { listAuditSamplesWithProgress } from "@/lib/db/queries/queue";
import { EDIT_TYPES } from "@/lib/taxonomy";
import { col, execute, queryOne, queryRows } from "@/lib/db/rows";
import { testBackends, type TestDatabase } from "@/lib/testing/test-db";

const N = 300;
const TYPES = EDIT_TYPES.slice(0, 6);

describe.each(testBackends())("judge audit on $name", (backend) => {
  let database: TestDatabase;
  let datasetId: number;
  const run = (sql: string, params: unknown[] = []) => execute(database.handle, sql, params);
  const idRow = z.object({ id: col.int });
  const dataset = async () => (await getDataset(database.handle, datasetId))!;
  const state = () =>
    queryRows(
      database.handle,
      z.object({
        id: col.int,
        judge_overall: col.number,
        judge_verdict: col.text,
        human_verdict: col.text,
        effective_verdict: col.text,
        is_disagreement: col.bool,
      }),
      "SELECT id, judge_overall, judge_verdict, human_verdict, effective_verdict, is_disagreement FROM candidates WHERE dataset_id = $1 ORDER BY id",
      [datasetId],
    );
  const count = async (where: string, params: unknown[] = []) =>
    (
      await queryOne(database.handle, z.object({ n: col.int }), `SELECT count(*) AS n FROM candidates WHERE dataset_id = $1 AND ${where}`, [
        datasetId,
        ...params,
      ])
    ).n;

  beforeAll(async () => {
    database = await backend.create();
    ({ id: datasetId } = await queryOne(database.handle, idRow, "INSERT INTO datasets (name) VALUES ('audit') RETURNING id"));
    // Deterministic scores: a judgement per candidate (every 10th unjudged), two reviewers on every 4th.
    await run(
      `INSERT INTO candidates (dataset_id, request_id, image_path, role, prior, edit_type, group_name, is_known_type, effective_verdict)
       SELECT $1, g, 'img/' || g || '.png', 'sft', 'pass', ($2::text[])[1 + g % 6], ($3::text[])[1 + g % 6], true, 'pass' FROM generate_series(1, $4::int) g`,
      [datasetId, TYPES.map((t) => t.editType), TYPES.map((t) => t.group), N],
    );
    await run(
      `INSERT INTO judgements (candidate_id, judge_id, instruction_compliance, seamlessness, preservation_balance, technical_quality)
       SELECT id, 'gemini/g/rubric-v1', (id * 37 % 100) / 100.0, (id * 53 % 100) / 100.0, (id * 71 % 100) / 100.0, (id * 29 % 100) / 100.0
       FROM candidates WHERE dataset_id = $1 AND id % 10 <> 0`,
      [datasetId],
    );
    await run("INSERT INTO reviewers (name) VALUES ('ann'), ('ben') ON CONFLICT DO NOTHING");
    await run(
      `INSERT INTO reviews (candidate_id, reviewer_id, verdict, created_at, instruction_compliance)
       SELECT c.id, rv.id, CASE WHEN (c.id * 37 % 100) + (CASE WHEN rv.name = 'ann' THEN 15 ELSE -5 END) >= 60 THEN 'accept' ELSE 'reject' END,
              CASE WHEN rv.name = 'ann' THEN timestamptz '2026-01-10 12:00+00' ELSE timestamptz '2026-02-10 12:00+00' END,
              CASE WHEN rv.name = 'ann' THEN (c.id * 41 % 100) / 100.0 END
       FROM candidates c CROSS JOIN reviewers rv WHERE c.dataset_id = $1 AND c.id % 4 = 0 AND rv.name IN ('ann', 'ben')`,
      [datasetId],
    );
    // An undone decision must not count.
    const undone = await queryOne(database.handle, idRow, "SELECT id, candidate_id FROM reviews ORDER BY id LIMIT 1");
    await run(
      "INSERT INTO reviews (candidate_id, reviewer_id, verdict, undo_of) SELECT candidate_id, reviewer_id, verdict, id FROM reviews WHERE id = $1",
      [undone.id],
    );
    const ids = (await queryRows(database.handle, idRow, "SELECT id FROM candidates WHERE dataset_id = $1", [datasetId])).map(
      (row) => row.id,
    );
    await refreshCandidates(database.handle, ids);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("the report agrees with the stored verdicts that browse links filter on", async () => {
    const report = await loadAuditReport(database.handle, await dataset(), {});
    const decided = "human_verdict IN ('pass', 'fail') AND judge_verdict IN ('pass', 'fail')";
    expect(report.labelled).toBe(await count(decided));
    expect(report.errors).toBe(await count("is_disagreement"));
    expect(report.unresolved).toBe(await count("human_verdict = 'unresolved'"));
    expect(report.confusion.judge_pass_human_fail).toBe(await count("judge_verdict = 'pass' AND human_verdict = 'fail'"));
    expect(report.confusion.judge_fail_human_pass).toBe(await count("judge_verdict = 'fail' AND human_verdict = 'pass'"));
    expect(report.population).toMatchObject({ candidates: N, judged: await count("judge_verdict <> 'none'") });
    const row = report.by_edit_type.find((entry) => entry.edit_type === TYPES[2].editType)!;
    expect(row.labelled).toBe(await count(`${decided} AND edit_type = $2`, [TYPES[2].editType]));
    expect(row.population.candidates).toBe(N / 6);
    expect(report.options.reviewers).toEqual(["ann", "ben"]);
    expect(report.criteria[0].n).toBeGreaterThan(0);
    // Stored flips at 0.5: judged items whose verdict differs from the one at the current threshold.
    const at = report.threshold_sweep.rows.find((entry) => entry.threshold === 0.5)!;
    expect(at.dataset_flips).toBe(await count("judge_overall >= 0.5 AND judge_overall < 0.7"));
    expect(at.dataset_effective_flips).toBe(await count("judge_overall >= 0.5 AND judge_overall < 0.7 AND human_verdict = 'none'"));
    // The exact best threshold's stored flips are counted in the same scan.
    const best = report.threshold_sweep.best!;
    const [lo, hi] = [Math.min(best.threshold, 0.7), Math.max(best.threshold, 0.7)];
    expect(best.dataset_flips).toBe(await count("judge_overall >= $2 AND judge_overall < $3", [lo, hi]));
    // Contamination projects onto the judge passes nobody has reviewed: what the export takes on trust.
    expect(report.contamination.export_judge_passes).toBe(await count("judge_verdict = 'pass' AND human_verdict = 'none'"));
    expect(report.contamination.rejected).toBe(report.confusion.judge_pass_human_fail);
    expect(report.too_lenient.length + report.too_strict.length).toBeGreaterThan(0);
  });

  it("judge against judge: the same reviewed items, recorded costs per item", async () => {
    // A cheaper second judge on every reviewed, judged candidate, with recorded tokens and cost.
    await run(
      `INSERT INTO judgements (candidate_id, judge_id, instruction_compliance, seamlessness, preservation_balance, technical_quality, input_tokens, output_tokens, cost_usd)
       SELECT j.candidate_id, 'gemini/flash/rubric-v1', j.instruction_compliance, j.seamlessness, 1 - j.preservation_balance, j.technical_quality, 1800, 120, 0.001
       FROM judgements j JOIN candidates c ON c.id = j.candidate_id WHERE c.dataset_id = $1 AND c.id % 4 = 0 AND j.judge_id = 'gemini/g/rubric-v1'`,
      [datasetId],
    );
    await run("UPDATE judgements SET cost_usd = 0.004, input_tokens = 1800, output_tokens = 400 WHERE judge_id = 'gemini/g/rubric-v1'");
    const comparison = await loadJudgeComparison(database.handle, await dataset(), {}, "gemini/g/rubric-v1", "gemini/flash/rubric-v1");
    const report = await loadAuditReport(database.handle, await dataset(), { judge_id: "gemini/g/rubric-v1" });
    expect(comparison.judge_ids).toEqual(["gemini/flash/rubric-v1", "gemini/g/rubric-v1"]);
    expect(comparison.items).toBe(report.labelled);
    expect(comparison.a.kappa).toBeCloseTo(report.kappa!, 14);
    expect(comparison.a.cost_per_item_usd).toBeCloseTo(0.004, 15);
    expect(comparison.cost_ratio).toBeCloseTo(0.25, 12);
    expect(comparison.sentence).toMatch(
      /^flash (agrees with reviewers|is not shown to agree with reviewers) .*\(κ difference .*, \d+ items\) at 25% of the cost\./,
    );
    await run("DELETE FROM judgements WHERE judge_id = 'gemini/flash/rubric-v1'");
  });

  it("reviewer and date slices count only those decisions", async () => {
    const ann = await loadAuditReport(database.handle, await dataset(), { reviewer: "ann" });
    const february = await loadAuditReport(database.handle, await dataset(), { from: "2026-02-01", to: "2026-02-28" });
    expect(ann.by_reviewer.map((row) => row.reviewer)).toEqual(["ann"]);
    expect(february.by_reviewer.map((row) => row.reviewer)).toEqual(["ben"]);
    expect(february.labelled).toBe(february.by_reviewer[0].labelled);
    const byType = await loadAuditReport(database.handle, await dataset(), { type: TYPES[1].editType });
    expect(byType.by_edit_type.map((row) => row.edit_type)).toEqual([TYPES[1].editType]);
  });

  it("a threshold change flips what the preview said, and leaves what a full refresh would", async () => {
    const before = await dataset();
    const change = { ...currentRubric(before), threshold: 0.55 };
    const preview = await previewRubric(database.handle, before, change);
    expect(preview.judgeFlips).toBe(await count("judge_overall >= 0.55 AND judge_overall < 0.7"));
    const applied = await applyRubric(database.handle, before, change);
    expect(applied.previous.threshold).toBe(0.7);
    expect(await count("judge_verdict = 'pass'")).toBe(await count("judge_overall >= 0.55"));
    const fast = await state();
    await refreshDataset(database.handle, datasetId);
    expect(await state()).toEqual(fast);
    await applyRubric(database.handle, await dataset(), { ...change, threshold: 0.7 });
  });

  it("a weights change flips exactly the previewed number of verdicts", async () => {
    const before = await dataset();
    const passBefore = await count("judge_verdict = 'pass'");
    const change = {
      threshold: 0.6,
      weights: { instruction_compliance: 0.7, seamlessness: 0.1, preservation_balance: 0.1, technical_quality: 0.1 },
    };
    const preview = await previewRubric(database.handle, before, change);
    const beforeState = await state();
    await applyRubric(database.handle, before, change);
    const afterState = await state();
    const flipped = afterState.filter((row, index) => row.judge_verdict !== beforeState[index].judge_verdict).length;
    expect(flipped).toBe(preview.judgeFlips);
    expect((await count("judge_verdict = 'pass'")) - passBefore).toBe(preview.toPass - preview.toFail);
    await applyRubric(database.handle, await dataset(), currentRubric(before));
  });

  it("audit samples: stored with probabilities, reproducible, and their labels weighted", async () => {
    const sample = await createAuditSample(database.handle, datasetId, { method: "stratified", size: 30, seed: 5 });
    expect(sample.items).toHaveLength(30);
    expect(await getAuditSample(database.handle, sample.id)).toEqual(sample);
    expect(await getAuditSample(database.handle, sample.id, datasetId + 1)).toBeNull();
    const again = await createAuditSample(database.handle, datasetId, { method: "stratified", size: 30, seed: 5 });
    expect(again.items).toEqual(sample.items);
    // Equal allocation, 5 per type, π = 5/N_h: the weights add up to the judged population exactly.
    const weights = sample.items.reduce((sum, item) => sum + 1 / item.probability, 0);
    expect(weights).toBeCloseTo(await count("judge_overall >= 0"), 9);
    const reviewer = await queryOne(database.handle, idRow, "SELECT id FROM reviewers WHERE name = 'ann'");
    for (const item of sample.items.slice(0, 12)) {
      await run(
        "INSERT INTO reviews (candidate_id, reviewer_id, verdict, sample_id, sample_probability) VALUES ($1, $2, 'accept', $3, $4)",
        [item.candidateId, reviewer.id, sample.id, item.probability],
      );
    }
    const listed = await listAuditSamplesWithProgress(database.handle, datasetId);
    expect(listed.find((entry) => entry.id === sample.id)?.decided).toBe(12);
    const report = await loadAuditReport(database.handle, await dataset(), { sample: sample.id });
    expect(report.sampling.estimate).toMatchObject({ sample_id: sample.id, sampled: 30 });
    expect(report.sampling.kind).toBe("convenience");
    await expect(createAuditSample(database.handle, 999_999, { method: "uniform", size: 3, seed: 1 })).rejects.toThrow(/does not exist/);
  });
});
