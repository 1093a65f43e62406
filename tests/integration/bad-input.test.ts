// The bad-input corpus (tests/fixtures/bad-input/, described in its README.md): every bad line is
// reported as `FILE:LINE: field: problem` with the right line and field, good lines around it are
// imported, odd-but-valid input (BOM, CRLF, blank lines, a 1 MB line, unknown edit types,
// duplicate output_image, \uXXXX escapes and raw UTF-8) round-trips byte for byte, the CLI exits
// non-zero when a line was bad, and --strict imports nothing.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryOne, queryRows } from "@/lib/db/rows";
import { pythonDumps } from "@/lib/manifest/python-json";
import { exportOf, importInto, makeTempDir, reopen, runCli, testBackends, type TestDatabase } from "@/lib/testing/test-db";

const CORPUS = path.resolve("tests/fixtures/bad-input");
const corpus = (name: string) => path.join(CORPUS, name);
const GOOD_SFT = path.resolve("tests/fixtures/pico-banana-sample/sft.third-party-modified.xiongpeilin.jsonl");
/** `FILE:LINE: field: problem` */
const MESSAGE = /^(?<file>[^:\s]+):(?<line>\d+): (?<field>[^:\s]+): (?<problem>.+)$/s;

const scratch = makeTempDir("ripe-test-bad-input-");
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Writes a generated fixture (binary-ish or large ones are not committed). */
function generated(name: string, content: string | Buffer): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, content);
  return file;
}

const goodLines = fs.readFileSync(GOOD_SFT, "utf8").split("\n").filter(Boolean);
const lf = (lines: string[]) => lines.map((line) => `${line}\n`).join("");

function parseMessages(messages: string[]) {
  return messages.map((message) => {
    const match = MESSAGE.exec(message);
    expect(match, `"${message}" has the form FILE:LINE: field: problem`).not.toBeNull();
    return { file: match!.groups!.file, line: Number(match!.groups!.line), field: match!.groups!.field, problem: match!.groups!.problem };
  });
}

type Expected = { line: number; field: string; problem: RegExp };

/** What the corpus files must produce: one error per bad line, naming its line and field. */
const BAD_FILES: { file: string; total: number; imported: number; errors: Expected[] }[] = [
  {
    file: "malformed-json.jsonl",
    total: 7,
    imported: 3,
    errors: [
      { line: 2, field: "(line)", problem: /malformed JSON/ },
      { line: 4, field: "(line)", problem: /malformed JSON/ },
      { line: 5, field: "(line)", problem: /JSON object/ },
      { line: 6, field: "(line)", problem: /malformed JSON/ },
    ],
  },
  {
    // A value of the wrong type is not "missing": the message names what was found.
    file: "wrong-types.jsonl",
    total: 7,
    imported: 2,
    errors: [
      { line: 2, field: "text", problem: /^(?!is missing).*number/ },
      { line: 3, field: "output_image", problem: /^(?!is missing).*array/ },
      { line: 4, field: "rejected_images", problem: /^(?!is missing).*string/ },
      { line: 5, field: "metadata_edit_turn_prompts", problem: /^(?!is missing).*string/ },
      { line: 6, field: "summarized_text", problem: /^(?!is missing).*null/ },
    ],
  },
  {
    file: "missing-keys.jsonl",
    total: 7,
    imported: 2,
    errors: [
      { line: 2, field: "text", problem: /is missing/ },
      { line: 3, field: "open_image_input_url", problem: /is missing/ },
      { line: 4, field: "files", problem: /final_image/ },
      { line: 5, field: "(line)", problem: /unrecognised row/ },
      { line: 6, field: "edit_type", problem: /is missing/ },
    ],
  },
  {
    // Blank and whitespace-only lines are skipped but still counted for line numbers.
    file: "blank-lines.jsonl",
    total: 4,
    imported: 3,
    errors: [{ line: 5, field: "text", problem: /is missing/ }],
  },
];

describe.each(testBackends())("bad input on $name", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.create();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function manifestRows(datasetName: string): Promise<number> {
    const row = await queryOne(
      database.handle,
      z.object({ count: col.int }),
      "SELECT count(*) AS count FROM manifest_rows m JOIN datasets d ON d.id = m.dataset_id WHERE d.name = $1",
      [datasetName],
    );
    return row.count;
  }

  it.each(BAD_FILES)(
    "$file: each bad line is reported with its line and field; good lines are imported",
    async ({ file, total, imported, errors }) => {
      const dataset = `bad-${file}`;
      const [report] = await importInto(database.handle, dataset, [corpus(file)]);
      expect(report).toMatchObject({ status: "done", linesTotal: total, imported, bad: new Set(errors.map((error) => error.line)).size });
      expect(report.imported + report.unchanged + report.bad).toBe(report.linesTotal);
      const messages = parseMessages(report.errors);
      expect(messages.map((message) => [message.file, message.line, message.field])).toEqual(
        errors.map((error) => [file, error.line, error.field]),
      );
      messages.forEach((message, index) => expect(message.problem, report.errors[index]).toMatch(errors[index].problem));
      expect(await manifestRows(dataset)).toBe(imported);
      // The good lines (all SFT rows) come back out exactly.
      const good = fs
        .readFileSync(corpus(file), "utf8")
        .split("\n")
        .filter((line, index) => line.trim() !== "" && !errors.some((error) => error.line === index + 1));
      expect((await exportOf(database.handle, dataset, scratch)).read("sft.jsonl")).toBe(lf(good));
    },
  );

  it("--strict imports nothing when any line is bad, and everything when none is", async () => {
    const [rejected] = await importInto(database.handle, "strict-bad", [corpus("malformed-json.jsonl")], { strict: true });
    expect(rejected).toMatchObject({ status: "rejected", linesTotal: 7, imported: 0, bad: 4 });
    expect(parseMessages(rejected.errors).map((message) => message.line)).toEqual([2, 4, 5, 6]);
    expect(await manifestRows("strict-bad")).toBe(0);
    const [accepted] = await importInto(database.handle, "strict-good", [GOOD_SFT], { strict: true });
    expect(accepted).toMatchObject({ status: "done", imported: 24, bad: 0 });
  });

  it("keeps an unknown edit type and shows it as unknown", async () => {
    const file = corpus("unknown-edit-type.jsonl");
    const [report] = await importInto(database.handle, "unknown-type", [file]);
    expect(report).toMatchObject({ imported: 3, bad: 0, errors: [] });
    const rows = await queryRows(
      database.handle,
      z.object({ edit_type: col.text, group_name: col.text, is_known_type: col.bool }),
      "SELECT c.edit_type, c.group_name, c.is_known_type FROM candidates c JOIN datasets d ON d.id = c.dataset_id WHERE d.name = $1 AND NOT c.is_known_type",
      ["unknown-type"],
    );
    expect(rows).toEqual([{ edit_type: "Make everything sparkle (not in the taxonomy)", group_name: "Unknown", is_known_type: false }]);
    expect((await exportOf(database.handle, "unknown-type", scratch)).readBytes("sft.jsonl").equals(fs.readFileSync(file))).toBe(true);
  });

  it("reports a duplicate output_image as a collision warning and keeps both rows", async () => {
    const file = corpus("duplicate-output-image.jsonl");
    const [report] = await importInto(database.handle, "duplicates", [file]);
    expect(report).toMatchObject({ imported: 3, bad: 0, errors: [] });
    const [warning] = parseMessages(report.warnings);
    expect(report.warnings).toHaveLength(1);
    expect(warning).toMatchObject({ file: "duplicate-output-image.jsonl", line: 3, field: "output_image" });
    expect(warning.problem).toMatch(/collision/);
    expect(warning.problem).toContain("duplicate-output-image.jsonl:1");
    const { requests } = await queryOne(
      database.handle,
      z.object({ requests: col.int }),
      "SELECT count(DISTINCT c.request_id) AS requests FROM candidates c JOIN datasets d ON d.id = c.dataset_id WHERE d.name = $1 AND c.image_path = $2",
      ["duplicates", "images/positive-edit/kf34by_retry1.png"],
    );
    expect(Number(requests)).toBe(2);
    expect((await exportOf(database.handle, "duplicates", scratch)).readBytes("sft.jsonl").equals(fs.readFileSync(file))).toBe(true);
  });

  it("round-trips \\uXXXX escapes and raw UTF-8 byte for byte, reading the same text from both", async () => {
    const texts: string[][] = [];
    for (const name of ["unicode-escapes.jsonl", "raw-utf8.jsonl"]) {
      const file = corpus(name);
      const dataset = `unicode-${name}`;
      const [report] = await importInto(database.handle, dataset, [file]);
      expect(report, name).toMatchObject({ imported: 3, bad: 0, errors: [] });
      expect((await exportOf(database.handle, dataset, scratch)).readBytes("sft.jsonl").equals(fs.readFileSync(file)), name).toBe(true);
      const rows = await queryRows(
        database.handle,
        z.object({ text: col.text, edit_type: col.text, is_known_type: col.bool }),
        "SELECT r.text, c.edit_type, c.is_known_type FROM requests r JOIN candidates c ON c.request_id = r.id JOIN datasets d ON d.id = r.dataset_id WHERE d.name = $1 ORDER BY r.id",
        [dataset],
      );
      // ↔ and – edit types are taxonomy strings, recognised whichever way they were written.
      expect(
        rows.map((row) => row.is_known_type),
        name,
      ).toEqual([true, true, true]);
      expect(rows[0].text).toContain("Café crème — naïve 🌅.");
      expect(rows[2].edit_type).toBe("Funko-Pop–style toy figure of the person");
      texts.push(rows.map((row) => row.text));
    }
    expect(texts[1]).toEqual(texts[0]);
  });

  it("strips a BOM, reads CRLF lines with the right line numbers and exports them as the original lines", async () => {
    const bom = generated("bom.jsonl", `\ufeff${lf(goodLines)}`);
    const [bomReport] = await importInto(database.handle, "bom", [bom]);
    expect(bomReport).toMatchObject({ imported: 24, bad: 0, errors: [] });
    expect((await exportOf(database.handle, "bom", scratch)).read("sft.jsonl")).toBe(lf(goodLines));

    const crlfLines = [...goodLines.slice(0, 2), '{"output_image": "images/positive-edit/1.png"}', ...goodLines.slice(2)];
    const crlf = generated("crlf.jsonl", crlfLines.map((line) => `${line}\r\n`).join(""));
    const [crlfReport] = await importInto(database.handle, "crlf", [crlf]);
    // One bad line with four problems: four messages, one bad line.
    expect(crlfReport).toMatchObject({ linesTotal: 25, imported: 24, bad: 1 });
    expect(parseMessages(crlfReport.errors).map((message) => [message.line, message.field])).toEqual([
      [3, "open_image_input_url"],
      [3, "text"],
      [3, "edit_type"],
      [3, "summarized_text"],
    ]);
    expect((await exportOf(database.handle, "crlf", scratch)).read("sft.jsonl")).toBe(lf(goodLines));
  });

  it("imports a 1 MB line and exports it byte for byte", async () => {
    const record = JSON.parse(goodLines[0]) as Record<string, unknown>;
    const sentence = "Keep the grey wall texture continuous and the lighting consistent; no seams, no halos, no repeated patterns. ";
    record.text = sentence.repeat(Math.ceil(1_048_576 / sentence.length));
    const line = pythonDumps(record, true);
    expect(Buffer.byteLength(line)).toBeGreaterThan(1_048_576);
    const file = generated("long-line.jsonl", lf([goodLines[1], line, goodLines[2]]));
    const [report] = await importInto(database.handle, "long-line", [file]);
    expect(report).toMatchObject({ imported: 3, bad: 0, errors: [] });
    const { length } = await queryOne(
      database.handle,
      z.object({ length: col.int }),
      "SELECT max(length(r.text)) AS length FROM requests r JOIN datasets d ON d.id = r.dataset_id WHERE d.name = $1",
      ["long-line"],
    );
    expect(Number(length)).toBe((record.text as string).length);
    expect((await exportOf(database.handle, "long-line", scratch)).readBytes("sft.jsonl").equals(fs.readFileSync(file))).toBe(true);
  });

  it("the import CLI prints FILE:LINE messages, imports the good lines and exits 1; --strict imports nothing", async () => {
    if (database.backend === "pglite") await database.handle.close(); // the CLI takes the folder's lock
    const file = path.relative(process.cwd(), corpus("wrong-types.jsonl"));
    const run = await runCli("import", ["--dataset", "cli-bad", file], database);
    expect(run.code, run.stderr).toBe(1);
    for (const line of [2, 3, 4, 5, 6]) expect(run.stderr).toMatch(new RegExp(`^${file.replaceAll(".", "\\.")}:${line}: \\S+: .+$`, "m"));
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stdout).toMatch(/7 lines, 2 imported/);

    const strict = await runCli("import", ["--dataset", "cli-strict", "--strict", file], database);
    expect(strict.code, strict.stderr).toBe(1);
    expect(strict.stdout).toMatch(/REJECTED/);
    expect(strict.stderr).toMatch(/:2: text: /);

    const handle = database.backend === "pglite" ? await reopen(database) : database.handle;
    expect(handle).toBe(database.handle);
    expect(await manifestRows("cli-bad")).toBe(2);
    expect(await manifestRows("cli-strict")).toBe(0);
  });
});
