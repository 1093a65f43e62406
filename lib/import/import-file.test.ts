// The importer on every backend, on its own fixture (tests/fixtures/import/mixed-kinds.jsonl): one
// file holding every line kind, detected by its keys; batches written manifests first; a bad line
// reported as FILE:LINE: field: problem while the lines around it are imported.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ensureDataset } from "../db/queries/datasets";
import { col, queryOne, queryRows } from "../db/rows";
import { testBackends, type TestDatabase } from "../testing/test-db";
import { importFile, lineHash, type ImportProgress } from "./import-file";

const MIXED = path.resolve(import.meta.dirname, "../../tests/fixtures/import/mixed-kinds.jsonl");

describe("lineHash", () => {
  it("is 64 bits of sha256 as a signed decimal, the same for the same bytes", () => {
    expect(lineHash('{"a": 1}')).toBe(lineHash('{"a": 1}'));
    expect(lineHash('{"a": 1}')).not.toBe(lineHash('{"a":1}'));
    expect(BigInt(lineHash("x")) >= -(2n ** 63n) && BigInt(lineHash("x")) < 2n ** 63n).toBe(true);
  });
});

describe.each(testBackends())("importFile on $name", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.create();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  const datasetId = async (name: string) => (await ensureDataset(database.handle, name)).id;
  const count = async (sql: string, id: number) => (await queryOne(database.handle, z.object({ n: col.int }), sql, [id])).n;

  it("detects every kind in one file, imports the good lines and reports the bad one as FILE:LINE: field", async () => {
    const id = await datasetId("mixed");
    const report = await importFile(database.handle, { datasetId: id, file: MIXED });
    expect(report).toMatchObject({ status: "done", linesTotal: 6, imported: 5, bad: 1 });
    expect(report.byKind).toEqual({ sft: 1, preference: 1, multi_turn: 1, judge_scores: 1, decisions: 1 });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(/^mixed-kinds\.jsonl:6: verdict: .*"accept".*"reject".*"unsure"/);
    // The decision on line 1 names a candidate created on line 2: the batch wrote manifests first.
    const candidate = await queryOne(
      database.handle,
      z.object({ human_verdict: col.text, review_count: col.int }),
      "SELECT human_verdict, review_count FROM candidates WHERE dataset_id = $1 AND image_path = 'mx/m1_retry1.png'",
      [id],
    );
    expect(candidate).toMatchObject({ human_verdict: "pass" });
    expect(await count("SELECT count(*) AS n FROM candidates WHERE dataset_id = $1", id)).toBe(4); // m1_retry1, m1, two turns
    const run = await queryOne(
      database.handle,
      z.object({ status: col.text, lines_bad: col.int, errors: col.textArray, kind: col.nullableText }),
      "SELECT * FROM import_runs WHERE id = $1",
      [report.runId],
    );
    expect(run).toMatchObject({ status: "done", lines_bad: 1, errors: report.errors });
  });

  it("imports the same rows whatever the batch size, one transaction and progress report per batch", async () => {
    const id = await datasetId("batched");
    const progress: ImportProgress[] = [];
    const report = await importFile(database.handle, {
      datasetId: id,
      file: MIXED,
      batchSize: 2,
      onProgress: (entry) => progress.push(entry),
    });
    expect(report).toMatchObject({ status: "done", linesTotal: 6, bad: 1 });
    // Lines 1–2 (decision, sft), 3–4 (preference, multi-turn), 5 (score) and the bad line 6.
    expect(progress.map((entry) => entry.linesRead)).toEqual([2, 4, 6]);
    expect(progress.at(-1)).toMatchObject({ bytesRead: fs.statSync(MIXED).size, totalBytes: fs.statSync(MIXED).size, imported: 5, bad: 1 });
    const mixedId = await datasetId("mixed");
    const state = async (dataset: number) =>
      queryRows(
        database.handle,
        z.object({ image_path: col.text, role: col.text, judge_verdict: col.text, human_verdict: col.text, effective_verdict: col.text }),
        "SELECT image_path, role, judge_verdict, human_verdict, effective_verdict FROM candidates WHERE dataset_id = $1 ORDER BY image_path",
        [dataset],
      );
    expect(await state(id)).toEqual(await state(mixedId));
    const manifestRows = "SELECT count(*) AS n FROM manifest_rows WHERE dataset_id = $1";
    expect(await count(manifestRows, id)).toBe(3); // sft, preference, multi-turn
    expect(await count(manifestRows, mixedId)).toBe(3);
  });

  it("skips what is already there on a second run", async () => {
    const id = await datasetId("mixed");
    const again = await importFile(database.handle, { datasetId: id, file: MIXED });
    expect(again).toMatchObject({ status: "done", imported: 0, unchanged: 5, bad: 1 });
  });

  it("strict: a bad line rejects the whole file and writes nothing", async () => {
    const id = await datasetId("strict");
    const report = await importFile(database.handle, { datasetId: id, file: MIXED, strict: true });
    expect(report).toMatchObject({ status: "rejected", imported: 0, bad: 1 });
    expect(report.errors[0]).toMatch(/^mixed-kinds\.jsonl:6: verdict: /);
    expect(await count("SELECT count(*) AS n FROM candidates WHERE dataset_id = $1", id)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM manifest_rows WHERE dataset_id = $1", id)).toBe(0);
  });
});
