// The export registry on every backend: the CLI's folder writer, the download route's streams and
// the manifest.json dry run all iterate the same files and agree byte for byte; a row the judge
// changed is rewritten value by value, a row a human rejected is dropped and counted.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDataset } from "../db/queries/datasets";
import type { Dataset } from "../db/schema";
import { importInto, makeTempDir, testBackends, type TestDatabase } from "../testing/test-db";
import { emptyCounts, type ExportManifest } from "./export-dataset";
import { exportToFolder } from "./export-to-folder";
import { linesToStream } from "./lines-to-stream";
import { countExport, EXPORT_SOURCES, isExportFile, MANIFEST_FILE, type ExportContext } from "./registry";

const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures/export");
const fixture = (file: string) => path.join(FIXTURES, file);
const fixtureLines = (file: string) => fs.readFileSync(fixture(file), "utf8").split("\n").filter(Boolean);

const scratch = makeTempDir("ripe-test-export-registry-");
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the export registry", () => {
  it("names the five files and manifest.json, and nothing else", () => {
    expect(Object.keys(EXPORT_SOURCES)).toEqual(["sft.jsonl", "preference.jsonl", "multi-turn.jsonl", "dpo.jsonl", "both-bad.jsonl"]);
    for (const name of [...Object.keys(EXPORT_SOURCES), MANIFEST_FILE]) expect(isExportFile(name)).toBe(true);
    for (const name of ["constructor", "toString", "../sft.jsonl", "sft.jsonl/", ""]) expect(isExportFile(name)).toBe(false);
  });
});

describe.each(testBackends())("export through the registry on $name", (backend) => {
  let database: TestDatabase;
  let dataset: Dataset;
  let dir: string;
  let manifest: ExportManifest;
  const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");

  beforeAll(async () => {
    database = await backend.create();
    const reports = await importInto(
      database.handle,
      "export-fixture",
      ["sft.jsonl", "preference.jsonl", "judge-scores.jsonl", "decisions.jsonl"].map(fixture),
    );
    for (const report of reports) expect(report).toMatchObject({ status: "done", bad: 0, errors: [] });
    dataset = (await findDataset(database.handle, "export-fixture"))!;
    dir = path.join(scratch, backend.name);
    manifest = await exportToFolder(database.handle, dataset, dir);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("writes every registry file and manifest.json, counted in registry order", () => {
    expect(fs.readdirSync(dir).sort()).toEqual([...Object.keys(EXPORT_SOURCES), MANIFEST_FILE].sort());
    expect(Object.keys(manifest.files)).toEqual(Object.keys(EXPORT_SOURCES));
    expect(JSON.parse(read(MANIFEST_FILE))).toEqual(JSON.parse(JSON.stringify(manifest)));
  });

  it("keeps an untouched row byte for byte and drops the row a human rejected", () => {
    const [a, b, c] = fixtureLines("sft.jsonl");
    const sft = read("sft.jsonl").split("\n").filter(Boolean);
    expect(sft).toHaveLength(2);
    expect(sft).toContain(c); // raw "↔" kept
    expect(sft.some((line) => line.includes('"ex/b.png"'))).toBe(false);
    expect(sft).not.toContain(a);
    expect(b).toContain('"ex/b.png"');
    expect(manifest.files["sft.jsonl"]).toEqual({
      rows: 2,
      unchanged: 1,
      changed: 1,
      dropped: 1,
      changedByHuman: 0,
      droppedByHuman: 1,
      dropReasons: { "no passing candidate": 1 },
    });
    expect(manifest.rows_dropped_by_human_decisions).toBe(1);
  });

  it("rewrites only the changed values of a row the judge changed", () => {
    const [a] = fixtureLines("sft.jsonl");
    expect(read("sft.jsonl").split("\n")[0]).toBe(a.replace('"output_image": "ex/a_retry1.png"', '"output_image": "ex/a.png"'));
    const [preference] = fixtureLines("preference.jsonl");
    expect(read("preference.jsonl")).toBe(
      `${preference.replace('"output_image": "ex/a_retry1.png", "rejected_images": ["ex/a.png"]', '"output_image": "ex/a.png", "rejected_images": ["ex/a_retry1.png"]')}\n`,
    );
    expect(manifest.files["preference.jsonl"]).toMatchObject({ rows: 1, changed: 1, changedByHuman: 0 });
  });

  it("streams each file through the download route's path with the same bytes, and its dry run counts the same", async () => {
    const context: ExportContext = { db: database.handle, dataset, filters: {} };
    for (const [name, source] of Object.entries(EXPORT_SOURCES)) {
      const text = await new Response(linesToStream(source.lines(context, emptyCounts()), name)).text();
      expect(text, name).toBe(read(name));
    }
    const dryRun = await countExport({ db: database.handle, dataset, filters: {} });
    expect(dryRun.files).toEqual(manifest.files);
    expect(dryRun.notes.slice(1)).toEqual(manifest.notes);
  });

  it("applies the edit-type filter to every manifest file but multi-turn", async () => {
    const filtered = await exportToFolder(database.handle, dataset, path.join(scratch, `${backend.name}-filtered`), {
      filters: { editTypes: ["Change overall color tone (warm ↔ cool)"] },
    });
    expect(filtered.filters).toEqual({ editTypes: ["Change overall color tone (warm ↔ cool)"] });
    expect(filtered.files["sft.jsonl"]).toMatchObject({ rows: 1, unchanged: 1, dropped: 0 });
    expect(filtered.files["preference.jsonl"]).toMatchObject({ rows: 0 });
  });
});
