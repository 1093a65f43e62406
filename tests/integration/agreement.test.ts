// Reviewer agreement on verdicts against a real database on every backend: decision lines from
// several reviewers go through the real importer, a later line replaces a reviewer's earlier one,
// an undo brings the previous decision back (or removes the reviewer's verdict), decisions in
// another dataset stay out, and the JSON of the loader (the route's and the page's) and of
// `npm run agreement -- --json` equal hand-computed values.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryOne } from "@/lib/db/rows";
import { loadAgreement } from "@/lib/db/queries/agreement";
import { findDataset } from "@/lib/db/queries/datasets";
import { undoReview } from "@/lib/db/queries/reviews";
import { importInto, makeTempDir, reopen, runCli, testBackends, type TestDatabase } from "@/lib/testing/test-db";

const T1 = "Remove an existing object";
const T2 = "Add a new object to the scene";
const image = (k: number) => `images/positive-edit/${k}.png`;
const sft = (k: number) => ({
  open_image_input_url: `https://example.org/${k}.jpg`,
  text: `edit ${k}`,
  output_image: image(k),
  edit_type: k <= 4 ? T1 : T2,
  summarized_text: `edit ${k}`,
});
let minute = 0;
const decision = (k: number, reviewer: string, verdict: string) => ({
  image: image(k),
  reviewer,
  verdict,
  reason_tags: [],
  note: "",
  time: new Date(Date.UTC(2026, 0, 5, 10, minute++)).toISOString(),
});

// Current verdicts after the history below (the same seven items as lib/agreement/verdicts.test.ts):
//   1 T1 ann a, ben a   2 T1 ann a, ben r   3 T1 ann r, ben r   4 T1 ann u, ben a
//   5 T2 ann a, ben a, cat a   6 T2 ann r, ben a, cat r   7 T2 cat a (dan's accept undone)
const DECISIONS = [
  decision(1, "ann", "accept"),
  decision(1, "ben", "accept"),
  decision(2, "ann", "reject"),
  decision(2, "ben", "reject"),
  decision(3, "ann", "reject"),
  decision(3, "ben", "reject"),
  decision(4, "ann", "unsure"),
  decision(4, "ben", "accept"),
  decision(5, "ann", "accept"),
  decision(5, "ben", "accept"),
  decision(5, "cat", "accept"),
  decision(6, "ann", "reject"),
  decision(6, "ben", "accept"),
  decision(6, "cat", "reject"),
  decision(7, "cat", "accept"),
  decision(2, "ann", "accept"), // a later decision replaces ann's reject on item 2
  decision(1, "ben", "reject"), // undone below: ben's accept on item 1 counts again
  decision(7, "dan", "accept"), // undone below: dan has no verdict left
];

const HAND = {
  reviewers: ["ann", "ben", "cat"],
  items: 6,
  decided_items: 7,
  krippendorff_alpha: 14 / 53,
  krippendorff_alpha_note: null,
  fleiss_kappa: { raters: 2, items: 4, value: 3 / 19, note: null },
  pairwise: [
    { a: "ann", b: "ben", n: 6, kappa: 1 / 10, kappa_accept_reject: 1 / 6, n_accept_reject: 5, percent_agreement: 1 / 2, note: null },
    { a: "ann", b: "cat", n: 2, kappa: 1, kappa_accept_reject: 1, n_accept_reject: 2, percent_agreement: 1, note: null },
    { a: "ben", b: "cat", n: 2, kappa: null, kappa_accept_reject: null, n_accept_reject: 2, percent_agreement: 1 / 2 },
  ],
  by_edit_type: [
    { edit_type: T1, items: 4, krippendorff_alpha: 5 / 19, note: null },
    { edit_type: T2, items: 2, krippendorff_alpha: 3 / 8, note: null },
  ],
};

/** Every number close to the hand value; nulls and strings exact. */
function expectClose(actual: unknown, expected: unknown, where = "json"): void {
  if (typeof expected === "number") {
    expect(typeof actual, where).toBe("number");
    expect(actual as number, where).toBeCloseTo(expected, 12);
  } else if (expected !== null && typeof expected === "object") {
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    if (Array.isArray(expected)) expect((actual as unknown[]).length, where).toBe(expected.length);
  } else {
    expect(actual, where).toEqual(expected);
  }
}

function finiteEverywhere(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value && typeof value === "object") return Object.values(value).every(finiteEverywhere);
  return true;
}

describe.each(testBackends())("reviewer agreement on $name", (backend) => {
  let database: TestDatabase;
  const dir = makeTempDir("ripe-agreement-");

  beforeAll(async () => {
    database = await backend.create();
    const write = (name: string, rows: object[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, rows.map((row) => JSON.stringify(row)).join("\n") + "\n");
      return file;
    };
    const sftFile = write("sft.jsonl", [1, 2, 3, 4, 5, 6, 7].map(sft));
    const reports = await importInto(database.handle, "agree", [sftFile, write("decisions.jsonl", DECISIONS)]);
    expect(reports.map((report) => report.bad)).toEqual([0, 0]);
    // The same images in another dataset, decided by someone else: must not count in "agree".
    await importInto(database.handle, "other", [
      sftFile,
      write("other.jsonl", [decision(1, "eve", "reject"), decision(1, "ann", "reject")]),
    ]);

    const dataset = (await findDataset(database.handle, "agree"))!;
    const undo = async (k: number, reviewer: string) => {
      const row = await queryOne(
        database.handle,
        z.object({ id: col.int, reviewer_id: col.int }),
        `SELECT r.id, r.reviewer_id FROM reviews r JOIN reviewers v ON v.id = r.reviewer_id JOIN candidates c ON c.id = r.candidate_id
         WHERE c.dataset_id = $1 AND c.image_path = $2 AND v.name = $3 ORDER BY r.id DESC LIMIT 1`,
        [dataset.id, image(k), reviewer],
      );
      await undoReview(database.handle, { datasetId: dataset.id, reviewId: row.id, reviewerId: row.reviewer_id });
    };
    await undo(1, "ben");
    await undo(7, "dan");
  });
  afterAll(async () => {
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the loader's JSON equals the hand-computed statistics, latest decisions counted and undos honoured", async () => {
    const dataset = (await findDataset(database.handle, "agree"))!;
    const { json, verdicts } = await loadAgreement(database.handle, dataset);
    expectClose(json.verdicts, HAND, "verdicts");
    expect(json.verdicts.pairwise[2].note).toMatch(/^kappa: the first rater .*one single category/);
    expect(Object.keys(json)).toEqual(["verdicts", "pairs", "reviewers_activity", "gold"]);
    // Imported lines: items decided count, but an import stamps no working time (no median).
    expect(json.reviewers_activity.reviewers.map((row) => [row.reviewer, row.items_decided, row.median_seconds_per_item])).toEqual([
      ["ann", 6, null],
      ["ben", 6, null],
      ["cat", 3, null],
      ["dan", 0, null],
    ]);
    expect(json.gold).toEqual({ items_answered: 0, reviewers: [] });
    expect(json.pairs).toMatchObject({ labels: 0, pairwise: [], multi: { pairs: 0, fleiss_kappa: null } });
    expect(finiteEverywhere(json)).toBe(true);
    // The item behind each number: ann and ben disagree on items 2 (after ann's change), 4 and 6.
    const candidateOf = new Map([...verdicts.units.values()].map((unit) => [unit.candidateId, unit]));
    const disagree = verdicts.ids.get("pair:ann:ben:disagree")!.map((id) => candidateOf.get(id)!.verdicts);
    expect(disagree).toEqual([
      { ann: "accept", ben: "reject" },
      { ann: "unsure", ben: "accept" },
      { ann: "reject", ben: "accept", cat: "reject" },
    ]);
  });

  it("the other dataset sees only its own decisions", async () => {
    const other = (await findDataset(database.handle, "other"))!;
    const { json } = await loadAgreement(database.handle, other);
    expect(json.verdicts).toMatchObject({
      reviewers: ["ann", "eve"],
      items: 1,
      decided_items: 1,
      krippendorff_alpha: null,
      fleiss_kappa: { raters: 2, items: 1, value: null },
    });
    expect(json.verdicts.krippendorff_alpha_note).toMatch(/one category/);
    expect(json.verdicts.pairwise).toEqual([
      {
        a: "ann",
        b: "eve",
        n: 1,
        kappa: null,
        kappa_accept_reject: null,
        n_accept_reject: 1,
        percent_agreement: 1,
        note: expect.stringMatching(/both raters/),
      },
    ]);
  });

  it("npm run agreement -- --json prints the same JSON; an unknown dataset is a clear error", async () => {
    const handle = database.handle;
    const expected = (await loadAgreement(handle, (await findDataset(handle, "agree"))!)).json;
    if (database.backend === "pglite") await handle.close(); // the CLI takes the folder's lock
    const run = await runCli("agreement", ["--dataset", "agree", "--json"], database);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expected);
    const missing = await runCli("agreement", ["--dataset", "nope"], database);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no dataset named "nope"; known: agree, other/);
    if (database.backend === "pglite") await reopen(database);
  });
});
