// import → database → export on every available backend: unchanged rows come out byte for byte,
// re-importing changes nothing, preference rows attach to their SFT request in either order, and
// human decisions and judge scores change what is exported.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryOne, queryRows } from "@/lib/db/rows";
import { exportOf, importInto, makeTempDir, testBackends, type TestDatabase } from "@/lib/testing/test-db";

const SAMPLE = path.resolve("tests/fixtures/pico-banana-sample");
const SFT_VERBATIM = path.join(SAMPLE, "sft.verbatim.jsonl");
const MULTI_TURN_VERBATIM = path.join(SAMPLE, "multi-turn.verbatim.jsonl");
const SFT_MODIFIED = path.join(SAMPLE, "sft.third-party-modified.xiongpeilin.jsonl");
const PREFERENCE = path.resolve("tests/fixtures/preference.sample.jsonl");
const DECISIONS = path.resolve("tests/fixtures/decisions.sample.jsonl");
const JUDGE_SCORES = path.resolve("tests/fixtures/judge-scores.sample.jsonl");

const scratch = makeTempDir("ripe-test-round-trip-");
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const bytes = (file: string) => fs.readFileSync(file);
const lines = (file: string) => fs.readFileSync(file, "utf8").split("\n").filter(Boolean);

describe.each(testBackends())("round trip on $name", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.create();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function count(table: string, datasetName: string): Promise<number> {
    const row = await queryOne(
      database.handle,
      z.object({ count: col.int }),
      `SELECT count(*) AS count FROM ${table} t JOIN datasets d ON d.id = t.dataset_id WHERE d.name = $1`,
      [datasetName],
    );
    return row.count;
  }

  async function candidate(datasetName: string, imagePath: string) {
    const rows = await queryRows(
      database.handle,
      z.object({
        role: col.text,
        prior: col.text,
        judge_verdict: col.text,
        judge_overall: col.number,
        human_verdict: col.text,
        effective_verdict: col.text,
        request_id: col.int,
      }),
      "SELECT c.* FROM candidates c JOIN datasets d ON d.id = c.dataset_id WHERE d.name = $1 AND c.image_path = $2",
      [datasetName, imagePath],
    );
    expect(rows, `one candidate for ${imagePath}`).toHaveLength(1);
    return rows[0];
  }

  it.each([
    ["sft.verbatim.jsonl", SFT_VERBATIM, "sft.jsonl"],
    ["multi-turn.verbatim.jsonl", MULTI_TURN_VERBATIM, "multi-turn.jsonl"],
    ["sft.third-party-modified.xiongpeilin.jsonl", SFT_MODIFIED, "sft.jsonl"],
  ])("%s comes out byte for byte", async (name, file, exported) => {
    const dataset = `round-trip-${name}`;
    const [report] = await importInto(database.handle, dataset, [file]);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ status: "done", bad: 0, imported: lines(file).length });
    const result = await exportOf(database.handle, dataset, scratch);
    expect(result.readBytes(exported).equals(bytes(file))).toBe(true);
    for (const other of ["sft.jsonl", "preference.jsonl", "multi-turn.jsonl"].filter((entry) => entry !== exported)) {
      expect(result.read(other), other).toBe("");
    }
  });

  it("exports all three files of one dataset in import order, and importing again changes nothing", async () => {
    const dataset = "round-trip-all";
    const files = [SFT_VERBATIM, MULTI_TURN_VERBATIM, SFT_MODIFIED];
    const first = await importInto(database.handle, dataset, files);
    expect(first.map((report) => report.imported)).toEqual([1, 1, 24]);
    const tables = ["requests", "candidates", "manifest_rows", "sessions", "pairs"];
    const before = await Promise.all(tables.map((table) => count(table, dataset)));
    // 1 + 24 SFT requests + 5 multi-turn turns; the same for candidates.
    expect(before.slice(0, 2)).toEqual([30, 30]);

    const again = await importInto(database.handle, dataset, files);
    for (const report of again) {
      expect(report).toMatchObject({ status: "done", imported: 0, bad: 0, unchanged: report.linesTotal });
      expect(report.warnings).toEqual([]);
    }
    expect(await Promise.all(tables.map((table) => count(table, dataset)))).toEqual(before);

    const result = await exportOf(database.handle, dataset, scratch);
    expect(result.read("sft.jsonl")).toBe(fs.readFileSync(SFT_VERBATIM, "utf8") + fs.readFileSync(SFT_MODIFIED, "utf8"));
    expect(result.readBytes("multi-turn.jsonl").equals(bytes(MULTI_TURN_VERBATIM))).toBe(true);
    expect(result.manifest.files["sft.jsonl"]).toMatchObject({ rows: 25, unchanged: 25, changed: 0, dropped: 0 });
    expect(result.manifest.files["multi-turn.jsonl"]).toMatchObject({ rows: 1, unchanged: 1 });
  });

  it("attaches preference rows to the SFT row's request whichever file comes first", async () => {
    const snapshots: Record<string, string[]> = {};
    for (const [order, files] of [
      ["sft-first", [SFT_MODIFIED, PREFERENCE]],
      ["preference-first", [PREFERENCE, SFT_MODIFIED]],
    ] as const) {
      const dataset = `preference-${order}`;
      const reports = await importInto(database.handle, dataset, [...files]);
      for (const report of reports) expect(report.errors, order).toEqual([]);
      // 24 SFT requests plus the one preference row whose chosen image no SFT row has.
      expect(await count("requests", dataset), order).toBe(25);
      // 24 SFT outputs + 1 standalone chosen + 5 rejected attempts.
      expect(await count("candidates", dataset), order).toBe(30);
      expect(await count("pairs", dataset), order).toBe(5);

      for (const line of lines(PREFERENCE)) {
        const record = JSON.parse(line) as { output_image: string; rejected_images: string[] };
        const chosen = await candidate(dataset, record.output_image);
        expect(chosen).toMatchObject({ role: "sft", prior: "pass" });
        for (const image of record.rejected_images) {
          const rejected = await candidate(dataset, image);
          expect(rejected, `${order}: ${image}`).toMatchObject({
            role: "rejected",
            prior: "fail",
            effective_verdict: "fail",
            request_id: chosen.request_id,
          });
        }
        const sftRows = await queryRows(
          database.handle,
          z.object({ request_id: col.int }),
          "SELECT m.request_id FROM manifest_rows m JOIN datasets d ON d.id = m.dataset_id WHERE d.name = $1 AND m.kind = 'sft' AND m.key_image = $2",
          [dataset, record.output_image],
        );
        // The SFT row (when there is one) describes the very request the rejected attempts joined.
        for (const row of sftRows) expect(String(row.request_id), `${order}: ${record.output_image}`).toBe(String(chosen.request_id));
      }

      const result = await exportOf(database.handle, dataset, scratch);
      expect(result.readBytes("sft.jsonl").equals(bytes(SFT_MODIFIED)), `${order}: sft.jsonl`).toBe(true);
      expect(result.readBytes("preference.jsonl").equals(bytes(PREFERENCE)), `${order}: preference.jsonl`).toBe(true);

      const groups = await queryRows(
        database.handle,
        z.object({ images: col.text }),
        `SELECT string_agg(c.image_path || ':' || c.role, ' ' ORDER BY c.image_path) AS images
         FROM candidates c JOIN datasets d ON d.id = c.dataset_id WHERE d.name = $1 GROUP BY c.request_id ORDER BY 1`,
        [dataset],
      );
      snapshots[order] = groups.map((group) => group.images);
    }
    expect(snapshots["preference-first"]).toEqual(snapshots["sft-first"]);
  });

  it("a human reject removes the SFT row from the export, and manifest.json counts it", async () => {
    const dataset = "decisions";
    await importInto(database.handle, dataset, [SFT_MODIFIED]);
    const [report] = await importInto(database.handle, dataset, [DECISIONS]);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ status: "done", imported: 1, bad: 0 });
    const rejected = await candidate(dataset, "openimages/edited/sft/33799.png");
    expect(rejected).toMatchObject({ human_verdict: "fail", effective_verdict: "fail" });
    const review = await queryOne(
      database.handle,
      z.object({ verdict: col.text, reason_tags: col.textArray, note: col.nullableText, created_at: col.date, name: col.text }),
      "SELECT r.verdict, r.reason_tags, r.note, r.created_at, v.name FROM reviews r JOIN reviewers v ON v.id = r.reviewer_id JOIN candidates c ON c.id = r.candidate_id WHERE c.image_path = $1",
      ["openimages/edited/sft/33799.png"],
    );
    expect(review).toMatchObject({ verdict: "reject", reason_tags: ["artifacts"], name: "ann" });
    expect(new Date(review.created_at).toISOString()).toBe("2026-01-01T00:00:00.000Z");

    const result = await exportOf(database.handle, dataset, scratch);
    const expected = lines(SFT_MODIFIED).filter((line) => !line.includes('"openimages/edited/sft/33799.png"'));
    expect(expected).toHaveLength(23);
    expect(result.read("sft.jsonl")).toBe(expected.map((line) => `${line}\n`).join(""));
    expect(result.manifest.files["sft.jsonl"]).toMatchObject({ rows: 23, unchanged: 23, dropped: 1, droppedByHuman: 1 });
    expect(result.manifest.rows_dropped_by_human_decisions).toBe(1);
    const onDisk = JSON.parse(result.read("manifest.json"));
    expect(onDisk.rows_dropped_by_human_decisions).toBe(1);
    expect(onDisk.files["sft.jsonl"].droppedByHuman).toBe(1);

    const [repeat] = await importInto(database.handle, dataset, [DECISIONS]);
    expect(repeat).toMatchObject({ imported: 0, unchanged: 1, bad: 0 });
    expect(
      (
        await queryRows(
          database.handle,
          z.object({ id: col.int }),
          "SELECT r.id FROM reviews r JOIN candidates c ON c.id = r.candidate_id WHERE c.dataset_id = (SELECT id FROM datasets WHERE name = $1)",
          [dataset],
        )
      ).length,
    ).toBe(1);
  });

  it("judge scores set the candidate's judge verdict from the dataset's weights", async () => {
    const dataset = "judge-scores";
    await importInto(database.handle, dataset, [SFT_MODIFIED]);
    const [report] = await importInto(database.handle, dataset, [JUDGE_SCORES]);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ status: "done", imported: 2, bad: 0 });

    // 0.2·0.40 + 0.3·0.25 + 0.4·0.20 + 0.5·0.15 = 0.31 < 0.7
    const low = await candidate(dataset, "openimages/edited/sft/144112.png");
    expect(low).toMatchObject({ judge_verdict: "fail", human_verdict: "none", effective_verdict: "fail" });
    expect(Number(low.judge_overall)).toBeCloseTo(0.31, 6);
    const high = await candidate(dataset, "openimages/edited/sft/230870.png");
    expect(high).toMatchObject({ judge_verdict: "pass", effective_verdict: "pass" });
    expect(Number(high.judge_overall)).toBeCloseTo(0.9, 6);
    const unjudged = await candidate(dataset, "openimages/edited/sft/33799.png");
    expect(unjudged).toMatchObject({ judge_verdict: "none", effective_verdict: "pass" });

    const judgement = await queryOne(
      database.handle,
      z.object({ judge_id: col.text, rationale: col.nullableText, instruction_compliance: col.nullableNumber }),
      "SELECT j.* FROM judgements j JOIN candidates c ON c.id = j.candidate_id WHERE c.image_path = $1 AND c.dataset_id = (SELECT id FROM datasets WHERE name = $2)",
      ["openimages/edited/sft/144112.png", dataset],
    );
    expect(judgement).toMatchObject({
      judge_id: "x/y",
      instruction_compliance: 0.2,
      rationale: "The lantern is missing; the archway is unchanged.",
    });

    // The judge's fail drops the row from SFT, but it is not a human decision.
    const result = await exportOf(database.handle, dataset, scratch);
    expect(result.read("sft.jsonl")).not.toContain('"openimages/edited/sft/144112.png"');
    expect(result.manifest.files["sft.jsonl"]).toMatchObject({ rows: 23, dropped: 1, droppedByHuman: 0 });
    expect(result.manifest.rows_dropped_by_human_decisions).toBe(0);
  });
});
