// Text search in both instructions pages through exactly the matches, in the page order, for
// common and rare words alike (keyset cursors, trigram index).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryOne, queryRows } from "@/lib/db/rows";
import { listCandidates } from "@/lib/db/queries/browse";
import { importInto, testBackends, type TestDatabase } from "@/lib/testing/test-db";

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
  });
  afterAll(async () => {
    await database?.dispose();
  });

  for (const [word, sort] of [
    ["the", "newest"],
    ["the", "score_asc"],
    ["seamless", "newest"],
    ["lantern", "newest"],
    ["zzz-no-match", "newest"],
  ] as const) {
    it(`"${word}" sorted by ${sort}: every page, in order`, async () => {
      const expected = await queryRows(
        database.handle,
        z.object({ id: col.int }),
        `SELECT c.id FROM candidates c JOIN requests r ON r.id = c.request_id
         WHERE c.dataset_id = $1 AND lower(r.text || ' ' || r.summarized_text) LIKE $2
         ORDER BY ${sort === "newest" ? "c.id DESC" : "c.judge_overall ASC, c.id ASC"}`,
        [dataset.id, `%${word}%`],
      );
      const seen: number[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page++) {
        const result = await listCandidates(database.handle, dataset, { q: word, sort }, { cursor, limit: 3 });
        seen.push(...result.items.map((item) => item.id));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(expected.map((row) => Number(row.id)));
    });
  }
});
