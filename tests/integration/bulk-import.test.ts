// A bulk load (indexes deferred; lookups from memory when the dataset starts empty) must leave
// exactly what an ordinary import leaves: same rows, same collisions and duplicates reported,
// preference rows attached to their SFT request, the same export byte for byte, every index back.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryOne, queryRows } from "@/lib/db/rows";
import { BROWSE_INDEXES, DEFERRABLE_INDEXES, LOOKUP_INDEXES } from "@/lib/db/indexes";
import { hasLiveJob } from "@/lib/db/queries/background-jobs";
import { checkLinesInWorker } from "@/lib/import/checked-lines";
import { TERMS_INDEX } from "@/lib/db/queries/search-index";
import { countMissingSearchWords } from "@/lib/db/queries/search-words";
import { createTermsFile } from "@/lib/import/terms-file";
import { buildSearchIndex } from "@/lib/jobs/search-job";
import { exportOf, importInto, makeTempDir, testBackends, type TestDatabase } from "@/lib/testing/test-db";

const SAMPLE = path.resolve("tests/fixtures/pico-banana-sample");
const scratch = makeTempDir("ripe-test-bulk-");
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** SFT lines with a collision (same output_image, other text) and a repeated line, then preference lines for them. */
function mixedFile(): string {
  const sft = [
    ...fs.readFileSync(path.join(SAMPLE, "sft.verbatim.jsonl"), "utf8").split("\n").filter(Boolean),
    ...fs.readFileSync(path.join(SAMPLE, "sft.third-party-modified.xiongpeilin.jsonl"), "utf8").split("\n").filter(Boolean),
  ];
  const first = JSON.parse(sft[1]);
  const collision = JSON.stringify({ ...first, text: `${first.text} (second take)` })
    .replaceAll('","', '", "')
    .replaceAll('":"', '": "');
  const preference = sft.slice(2, 5).map((line) => {
    const row = JSON.parse(line);
    return JSON.stringify({
      output_image: row.output_image,
      rejected_images: [`${row.output_image}.attempt1.png`],
      text: row.text,
      edit_type: row.edit_type,
      open_image_input_url: row.open_image_input_url,
      summarized_text: row.summarized_text,
    });
  });
  const file = path.join(scratch, "mixed.jsonl");
  fs.writeFileSync(file, [...sft, collision, sft[3], ...preference].join("\n") + "\n");
  return file;
}

describe.each(testBackends())("bulk import on $name", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.create();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("leaves what an ordinary import leaves, and rebuilds every index", async () => {
    const file = mixedFile();
    const [plain] = await importInto(database.handle, "plain", [file], { batchSize: 4 });
    const [bulk] = await importInto(database.handle, "bulk", [file], { batchSize: 4, bulk: true, checkLines: checkLinesInWorker });
    for (const key of ["linesTotal", "imported", "unchanged", "bad", "byKind", "warnings"] as const) {
      expect(bulk[key], key).toEqual(plain[key]);
    }
    expect(bulk.warnings.some((warning) => warning.includes("collision"))).toBe(true);
    for (const table of ["requests", "candidates", "manifest_rows", "pairs"]) {
      const counts = await queryRows(
        database.handle,
        z.object({ name: col.text, count: col.int }),
        `SELECT d.name, count(*) AS count FROM ${table} t JOIN datasets d ON d.id = t.dataset_id WHERE d.name IN ('plain', 'bulk') GROUP BY d.name ORDER BY d.name`,
      );
      expect(
        counts.map((row) => row.name),
        table,
      ).toEqual(["bulk", "plain"]);
      expect(Number(counts[0].count), table).toBe(Number(counts[1].count));
    }
    const plainExport = await exportOf(database.handle, "plain", scratch);
    const bulkExport = await exportOf(database.handle, "bulk", scratch);
    for (const name of ["sft.jsonl", "preference.jsonl"]) expect(bulkExport.read(name), name).toBe(plainExport.read(name));
    const indexNames = async () =>
      new Set(
        (await queryRows(database.handle, z.object({ indexname: col.text }), "SELECT indexname FROM pg_indexes")).map(
          (row) => row.indexname,
        ),
      );
    // Browsable at once; the other indexes and the search words come with the background build.
    let indexes = await indexNames();
    for (const name of BROWSE_INDEXES) expect(indexes.has(name), name).toBe(true);
    const bulkId = (await queryOne(database.handle, z.object({ id: col.int }), "SELECT id FROM datasets WHERE name = 'bulk'")).id;
    expect(await hasLiveJob(database.handle, "search", "datasetId", bulkId)).toBe(true);
    expect(await buildSearchIndex(database.handle, bulkId)).toMatchObject({ isReady: true });
    indexes = await indexNames();
    for (const name of [...DEFERRABLE_INDEXES, ...LOOKUP_INDEXES]) expect(indexes.has(name), name).toBe(true);
    const terms = await queryRows(
      database.handle,
      z.object({ name: col.text, terms: col.text }),
      `SELECT d.name, t.terms::text AS terms FROM request_terms t JOIN requests r ON r.id = t.request_id JOIN datasets d ON d.id = r.dataset_id
       WHERE d.name IN ('plain', 'bulk') ORDER BY d.name, r.id`,
    );
    const termsOf = (name: string) => terms.filter((row) => row.name === name).map((row) => row.terms);
    expect(termsOf("bulk").length).toBeGreaterThan(0);
    expect(termsOf("bulk")).toEqual(termsOf("plain"));
    // Every stored word is in the words list that typed prefixes are expanded from.
    expect(await countMissingSearchWords(database.handle)).toBe(0);
    // On PGlite the bulk load COPYs without the facet trigger and counts facets itself: same counts.
    const facetRow = z.object({ key: col.text, n: col.int });
    const facetKey = `concat_ws('|', edit_type, group_name, is_known_type, effective_verdict, judge_verdict, human_verdict, %, is_disagreement, is_in_pair, is_multi_turn, is_identical_text)`;
    for (const name of ["plain", "bulk"]) {
      const kept = await queryRows(
        database.handle,
        facetRow,
        `SELECT ${facetKey.replace("%", "is_reviewed")} AS key, n FROM facet_counts f JOIN datasets d ON d.id = f.dataset_id
         WHERE d.name = $1 AND n <> 0 ORDER BY key`,
        [name],
      );
      const counted = await queryRows(
        database.handle,
        facetRow,
        `SELECT ${facetKey.replace("%", "review_count > 0")} AS key, count(*) AS n FROM candidates c JOIN datasets d ON d.id = c.dataset_id
         WHERE d.name = $1 GROUP BY key ORDER BY key`,
        [name],
      );
      expect(kept, name).toEqual(counted);
      expect(kept.length, name).toBeGreaterThan(1);
    }
  });

  it("attaches SFT lines to the requests preference lines before them created, as an ordinary import does", async () => {
    // The preference lines first: their chosen images become requests the SFT lines then describe
    // (the SFT lines before any other kind come from the checking worker without their text).
    const lines = fs.readFileSync(mixedFile(), "utf8").trimEnd().split("\n");
    const file = path.join(scratch, "preference-first.jsonl");
    fs.writeFileSync(file, [...lines.slice(-3), ...lines.slice(0, -3)].join("\n") + "\n");
    const [plain] = await importInto(database.handle, "plain-pf", [file], { batchSize: 4 });
    const [bulk] = await importInto(database.handle, "bulk-pf", [file], { batchSize: 4, bulk: true, checkLines: checkLinesInWorker });
    for (const key of ["linesTotal", "imported", "unchanged", "bad", "byKind", "warnings", "errors"] as const) {
      expect(bulk[key], key).toEqual(plain[key]);
    }
    const described = async (name: string) =>
      (
        await queryOne(
          database.handle,
          z.object({ n: col.int }),
          `SELECT count(*) AS n FROM manifest_rows m JOIN datasets d ON d.id = m.dataset_id
           JOIN candidates c ON c.request_id = m.request_id AND c.role = 'rejected'
           WHERE d.name = $1 AND m.kind = 'sft'`,
          [name],
        )
      ).n;
    // SFT rows describe the requests whose rejected attempts the preference lines added.
    expect(await described("bulk-pf")).toBeGreaterThan(0);
    expect(await described("bulk-pf")).toBe(await described("plain-pf"));
    const plainExport = await exportOf(database.handle, "plain-pf", scratch);
    const bulkExport = await exportOf(database.handle, "bulk-pf", scratch);
    for (const name of ["sft.jsonl", "preference.jsonl"]) expect(bulkExport.read(name), name).toBe(plainExport.read(name));
    expect(bulkExport.read("sft.jsonl").trimEnd().split("\n")).toHaveLength(lines.length - 3 - 1); // less the duplicate line
  });

  it("loads the words a bulk load kept in its terms file, the same as computing them, and drops and rebuilds the GIN index", async () => {
    // A database of its own: no words stored yet, so the build drops the GIN index for the load.
    const fresh = await backend.create();
    const termsFile = createTermsFile();
    try {
      const db = fresh.handle;
      const file = mixedFile();
      const [bulk] = await importInto(db, "bulk-words", [file], {
        batchSize: 4,
        bulk: true,
        checkLines: checkLinesInWorker,
        termsFile: termsFile.path,
      });
      expect(bulk.isSearchDeferred).toBe(true);
      const datasetId = (await queryOne(db, z.object({ id: col.int }), "SELECT id FROM datasets WHERE name = 'bulk-words'")).id;
      const requests = (
        await queryOne(db, z.object({ n: col.int }), "SELECT count(*) AS n FROM requests WHERE dataset_id = $1", [datasetId])
      ).n;
      expect(fs.readFileSync(termsFile.path, "utf8").trim().split("\n")).toHaveLength(requests);
      // A row for a request that is not there (never written by an import; here to show the check):
      // unchecked COPYs (PGlite) drop it afterwards, checked ones (PostgreSQL) refuse the chunk and
      // the chunked build computes the words instead. Either way every request has its words.
      fs.appendFileSync(termsFile.path, "987654321,'ghost'\n");
      const progress: number[] = [];
      const built = await buildSearchIndex(db, datasetId, {
        termsFile: termsFile.path,
        onProgress: (step) => void progress.push(step.done),
      });
      expect(built).toMatchObject({ isReady: true, words: requests });
      expect(progress.at(-1)).toBeGreaterThanOrEqual(requests);
      expect(Object.keys(built.indexSeconds)).toContain(TERMS_INDEX);
      const indexes = await queryRows(db, z.object({ indexname: col.text }), "SELECT indexname FROM pg_indexes");
      expect(indexes.map((row) => row.indexname)).toContain(TERMS_INDEX);

      await importInto(db, "plain", [file], { batchSize: 4 });
      const words = await queryRows(
        db,
        z.object({ name: col.text, terms: col.text }),
        `SELECT d.name, t.terms::text AS terms FROM request_terms t JOIN requests r ON r.id = t.request_id JOIN datasets d ON d.id = r.dataset_id
         ORDER BY d.name, r.id`,
      );
      const of = (name: string) => words.filter((row) => row.name === name).map((row) => row.terms);
      expect(of("bulk-words")).toHaveLength(requests);
      expect((await queryOne(db, z.object({ n: col.int }), "SELECT count(*) AS n FROM request_terms WHERE request_id = 987654321")).n).toBe(
        0,
      );
      expect(of("bulk-words")).toEqual(of("plain"));
      expect(await countMissingSearchWords(db)).toBe(0);

      // A file whose rows are stored already (a second build) stops at its first COPY and
      // leaves the rest to the chunked build, which finds nothing left: still ready, index kept.
      expect(await buildSearchIndex(db, datasetId, { termsFile: termsFile.path })).toMatchObject({ isReady: true, indexSeconds: {} });

      // Any other failed COPY is a fault, not "stored already": a line that is no request id is thrown.
      const malformed = path.join(scratch, "malformed-terms.csv");
      fs.writeFileSync(malformed, "not-a-request-id,'word'\n");
      await expect(buildSearchIndex(db, datasetId, { termsFile: malformed })).rejects.toMatchObject({ code: "22P02" });
    } finally {
      termsFile.remove();
      await fresh.dispose();
    }
  });
});
