// Text search in both instructions pages through exactly the matches, in the page order, for
// common and rare words alike (keyset cursors, the words index): an item matches when each typed
// word begins one of its words. After a bulk import, before the background build has written the
// words, search scans the instructions for the typed words instead (slower, a superset), and the
// build brings it back to the words index with the same answers as a plain import. A page reads
// the dataset's search backlog once (not at all when the caller has the row), whatever its sort,
// and chooses its plan once for a while (the same search again reads only its page).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, execute, queryOne, queryRows } from "@/lib/db/rows";
import { countCandidates, facetCounts, listCandidates } from "@/lib/db/queries/browse";
import { expansionFor } from "@/lib/db/queries/browse-sql";
import { forgetSearchPlans, type SearchPlan } from "@/lib/db/queries/browse-search";
import { importInto, testBackends, type TestDatabase } from "@/lib/testing/test-db";
import { importFile } from "@/lib/import/import-file";
import { ensureDataset } from "@/lib/db/queries/datasets";
import { hasSearchBacklog, searchState } from "@/lib/db/queries/search-index";
import { buildSearchIndex } from "@/lib/jobs/search-job";
import { countMissingSearchWords, expandTyped, MAX_EXPANSION } from "@/lib/db/queries/search-words";
import { wordsOf } from "@/lib/search/terms";
import type { DbHandle } from "@/lib/db/client";

const SAMPLE = path.resolve("tests/fixtures/pico-banana-sample");

describe.each(testBackends())("text search on $name", (backend) => {
  let database: TestDatabase;
  let dataset: { id: number; threshold: number };
  beforeAll(async () => {
    database = await backend.create();
    await importInto(database.handle, "search", [
      path.join(SAMPLE, "sft.third-party-modified.xiongpeilin.jsonl"),
      path.join(SAMPLE, "sft.verbatim.jsonl"),
    ]);
    dataset = await queryOne(
      database.handle,
      z.object({ id: col.int, threshold: col.number }),
      "SELECT id, threshold FROM datasets WHERE name = 'search'",
    );
    // Scores on both sides of the threshold for two items in three, the rest unjudged (-1): the uncertainty order has all three parts.
    await execute(database.handle, "UPDATE candidates SET judge_overall = (id * 37 % 100) / 100.0 WHERE dataset_id = $1 AND id % 3 <> 0", [
      dataset.id,
    ]);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  for (const [typed, sort] of [
    ["the", "newest"],
    ["the", "score_asc"],
    ["the", "uncertainty"],
    ["", "uncertainty"],
    ["seamless", "uncertainty"],
    ["seamless", "newest"],
    ["lantern", "newest"],
    ["Seam BACKGR", "newest"],
    ["zzz-no-match", "newest"],
    // A prefix of more stored words than are listed stays a prefix, beside one that is listed.
    ["s", "newest"],
    ["seam s", "score_asc"],
  ] as const) {
    it(`"${typed}" sorted by ${sort}: every page, in order`, async () => {
      const expected = await matching(database.handle, dataset, sort, (words) =>
        wordsOf(typed).every((prefix) => words.some((word) => word.startsWith(prefix))),
      );
      expect(expected.length > 0).toBe(typed !== "zzz-no-match");
      expect(await everyPage(database.handle, dataset, typed, sort)).toEqual(expected);
      // The same pages when the walk in page order is too short to fill one: the matches-first plan.
      expect(await everyPage(database.handle, dataset, typed, sort, { walk: 4 })).toEqual(expected);
      // Matches first, with room for them all, and with a cap that a frequent word passes (then the walk).
      expect(await everyPage(database.handle, dataset, typed, sort, { walk: 4, cap: 10_000 })).toEqual(expected);
      expect(await everyPage(database.handle, dataset, typed, sort, { walk: 4, cap: 1 })).toEqual(expected);
    });
  }

  it("a word inside another word is not a match (what a user gives up for the index)", async () => {
    const expected = await matching(database.handle, dataset, "newest", (words) => words.some((word) => word.startsWith("ground")));
    const inside = await matching(database.handle, dataset, "newest", (words) => words.some((word) => word.includes("ground")));
    expect(inside.length).toBeGreaterThan(expected.length);
    expect(await everyPage(database.handle, dataset, "ground", "newest")).toEqual(expected);
  });

  it("reads the search backlog once per page, the walk size only for a words page, and neither when told", async () => {
    const { runner, kinds } = counting(database.handle);
    // Each read as the first of its kind: no plan remembered from an earlier one.
    const run = async (read: () => Promise<unknown>, { isFirst = true } = {}) => {
      if (isFirst) forgetSearchPlans();
      kinds.length = 0;
      await read();
      return [...kinds];
    };
    const told = { searchBacklog: false };
    const newest = { q: "the", sort: "newest" } as const;
    const uncertainty = { q: "the", sort: "uncertainty" } as const;
    // A frequent word: the planner's estimate says the walk fills the page.
    expect(await run(() => listCandidates(runner, dataset, newest, { limit: 3 }))).toEqual([
      "backlog",
      "words",
      "walk size",
      "estimate",
      "page",
      "requests",
    ]);
    expect(await run(() => listCandidates(runner, dataset, newest, { limit: 3, ...told }))).toEqual([
      "words",
      "walk size",
      "estimate",
      "page",
      "requests",
    ]);
    // A rare word: the page from its matches in one statement, no walk and no count of its own
    // (with the words' statistics; without them the estimate is unknown and the walk comes first, as above).
    await database.handle.query("ANALYZE request_terms");
    expect(await run(() => listCandidates(runner, dataset, { q: "lantern" }, { limit: 3, ...told }))).toEqual([
      "words",
      "walk size",
      "estimate",
      "page",
      "requests",
    ]);
    // The same search again (or its next page) reuses the plan: no walk size, estimate or count.
    const again = { isFirst: false };
    expect(await run(() => listCandidates(runner, dataset, { q: "lantern" }, { limit: 3, ...told }), again)).toEqual([
      "words",
      "page",
      "requests",
    ]);
    expect(await run(() => listCandidates(runner, dataset, newest, { limit: 3, ...told }))).toContain("estimate");
    expect(await run(() => listCandidates(runner, dataset, newest, { limit: 3, ...told }), again)).toEqual(["words", "page", "requests"]);
    // A rare word after a short walk: the walk, then its matches.
    const shortWalk = { walk: 4 };
    expect(await run(() => listCandidates(runner, dataset, { q: "lantern" }, { limit: 3, searchPlan: shortWalk, ...told }))).toEqual([
      "words",
      "page",
      "page",
      "requests",
    ]);
    // A word taken for rare with more matches than the cap: those reads, then the walk (which fills the page).
    const smallCap = { walk: 2000, cap: 2 };
    expect(await run(() => listCandidates(runner, dataset, newest, { limit: 3, searchPlan: smallCap, ...told }))).toEqual([
      "words",
      "page",
      "page",
      "requests",
    ]);
    // Both sides of the threshold from one look-up (it was one per side).
    expect(await run(() => listCandidates(runner, dataset, uncertainty, { limit: 3 }))).toEqual([
      "backlog",
      "words",
      "page",
      "page",
      "requests",
    ]);
    expect(await run(() => listCandidates(runner, dataset, uncertainty, { limit: 3, ...told }))).toEqual([
      "words",
      "page",
      "page",
      "requests",
    ]);
    expect(await run(() => countCandidates(runner, dataset.id, newest, told))).toEqual(["words", "page"]);
    expect(await run(() => facetCounts(runner, dataset.id, newest, told))).toEqual(["words", "page"]);
    expect(await run(() => countCandidates(runner, dataset.id, newest))).toEqual(["backlog", "words", "page"]);
    // The browse page expands the typed words once for its three reads and hands the result on.
    const expansion = await expansionFor(database.handle, newest);
    const both = { ...told, expansion };
    expect(await run(() => countCandidates(runner, dataset.id, newest, both))).toEqual(["page"]);
    expect(await run(() => facetCounts(runner, dataset.id, newest, both))).toEqual(["page"]);
    expect(await run(() => listCandidates(runner, dataset, newest, { limit: 3, ...both }))).toEqual([
      "walk size",
      "estimate",
      "page",
      "requests",
    ]);
  });

  it("lists every stored word, so a typed prefix becomes the words it stands for", async () => {
    expect(await countMissingSearchWords(database.handle)).toBe(0);
    const expansion = await expandTyped(database.handle, ["seam", "zzzq", "s"]);
    const stored = await queryRows(
      database.handle,
      z.object({ word: col.text }),
      "SELECT DISTINCT w.word FROM request_terms t, unnest(tsvector_to_array(t.terms)) AS w(word) ORDER BY 1",
    );
    const startingWith = (prefix: string) => stored.map((row) => row.word).filter((word) => word.startsWith(prefix));
    expect(startingWith("seam").length).toBeGreaterThan(0);
    expect([...(expansion.get("seam") ?? [])].sort()).toEqual(startingWith("seam").sort());
    expect(expansion.get("zzzq")).toEqual([]);
    // More than MAX_EXPANSION words start with "s": it stays a prefix.
    expect(startingWith("s").length).toBeGreaterThan(MAX_EXPANSION);
    expect(expansion.get("s")).toBeNull();
  });

  it("after a bulk import: substring search while the words are missing, the words index once the build ran", async () => {
    const bulk = await ensureDataset(database.handle, "search-bulk");
    for (const file of ["sft.third-party-modified.xiongpeilin.jsonl", "sft.verbatim.jsonl"])
      await importFile(database.handle, { datasetId: bulk.id, file: path.join(SAMPLE, file), bulk: true });
    const bulkDataset = { id: bulk.id, threshold: bulk.threshold };
    expect(await hasSearchBacklog(database.handle, bulk.id)).toBe(true);
    expect(await searchState(database.handle, bulk.id)).toMatchObject({ isReady: false });
    const substring = await matching(database.handle, bulkDataset, "newest", (_, text) => text.includes("ground"));
    expect(await everyPage(database.handle, bulkDataset, "ground", "newest")).toEqual(substring);
    const nearest = await matching(database.handle, bulkDataset, "uncertainty", (_, text) => text.includes("ground"));
    expect(await everyPage(database.handle, bulkDataset, "ground", "uncertainty")).toEqual(nearest);

    const built = await buildSearchIndex(database.handle, bulk.id);
    expect(built.isReady).toBe(true);
    expect(await searchState(database.handle, bulk.id)).toEqual({ isReady: true });
    const words = await matching(database.handle, bulkDataset, "newest", (list) => list.some((word) => word.startsWith("ground")));
    expect(await everyPage(database.handle, bulkDataset, "ground", "newest")).toEqual(words);
    expect(await countMissingSearchWords(database.handle)).toBe(0);
    // A second build finds nothing to do and leaves the index complete.
    expect(await buildSearchIndex(database.handle, bulk.id)).toMatchObject({ words: 0, isReady: true });
  });
});

type TestSort = "newest" | "score_asc" | "uncertainty";

const ORDER_BY: Record<TestSort, string> = {
  newest: "c.id DESC",
  score_asc: "c.judge_overall ASC, c.id ASC",
  // Nearest the threshold first, either side of it; unjudged (-1) last.
  uncertainty: "c.judge_overall < 0, abs(c.judge_overall - $2::float8), c.id",
};

/** A handle that notes what each statement it runs reads (the search page's look-ups by name). */
function counting(handle: DbHandle) {
  const kinds: string[] = [];
  const kindOf = (text: string) =>
    text.includes("search_backlog")
      ? "backlog"
      : text.includes("FROM search_words")
        ? "words"
        : text.includes("FROM facet_counts WHERE dataset_id")
          ? "walk size"
          : text.startsWith("EXPLAIN")
            ? "estimate"
            : text.includes("SELECT count(*) AS n FROM (SELECT 1 FROM request_terms")
              ? "count"
              : text.includes("FROM requests WHERE id = ANY")
                ? "requests"
                : "page";
  const runner: DbHandle = {
    ...handle,
    query: (text, params) => {
      kinds.push(kindOf(text));
      return handle.query(text, params);
    },
  };
  return { runner, kinds };
}

/** Candidate ids of the dataset whose instructions pass `test`, in the sort's order (computed here, not by the search). */
async function matching(
  handle: DbHandle,
  dataset: { id: number; threshold: number },
  sort: TestSort,
  test: (words: string[], text: string) => boolean,
): Promise<number[]> {
  const rows = await queryRows(
    handle,
    z.object({ id: col.int, text: col.text }),
    `SELECT c.id, r.text || ' ' || r.summarized_text AS text FROM candidates c JOIN requests r ON r.id = c.request_id
     WHERE c.dataset_id = $1 ORDER BY ${ORDER_BY[sort]}`,
    sort === "uncertainty" ? [dataset.id, dataset.threshold] : [dataset.id],
  );
  return rows.filter((row) => test(wordsOf(row.text), row.text.toLowerCase())).map((row) => row.id);
}

async function everyPage(handle: DbHandle, dataset: { id: number; threshold: number }, q: string, sort: TestSort, searchPlan?: SearchPlan) {
  const seen: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 200; page++) {
    const result = await listCandidates(handle, dataset, { q, sort }, { cursor, limit: 3, searchPlan });
    seen.push(...result.items.map((item) => item.id));
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return seen;
}
