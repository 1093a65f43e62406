// facet_counts is kept by triggers; the sidebar and matching counts read it. After imports,
// judge scores, decisions, undo and a verdict refresh it must equal a GROUP BY over candidates.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { BrowseFilters } from "@/lib/browse/filters";
import { refreshDataset } from "@/lib/db/queries/candidate-state";
import { countCandidates, facetCounts } from "@/lib/db/queries/browse";
import { addReview, undoReview } from "@/lib/db/queries/reviews";
import { col, execute, queryOne, queryRows } from "@/lib/db/rows";
import { importInto, testBackends, type TestDatabase } from "@/lib/testing/test-db";

const idRow = z.object({ id: col.int });

const SAMPLE = path.resolve("tests/fixtures/pico-banana-sample");
const FILES = [
  path.join(SAMPLE, "sft.verbatim.jsonl"),
  path.join(SAMPLE, "sft.third-party-modified.xiongpeilin.jsonl"),
  path.join(SAMPLE, "multi-turn.verbatim.jsonl"),
  path.resolve("tests/fixtures/preference.sample.jsonl"),
  path.resolve("tests/fixtures/judge-scores.sample.jsonl"),
  path.resolve("tests/fixtures/decisions.sample.jsonl"),
];

const FILTER_SETS: BrowseFilters[] = [
  {},
  { eff: "pass" },
  { judge: "fail" },
  { human: "none" },
  { dis: "1" },
  { rev: "0", pair: "1" },
  { mt: "0", same: "0" },
  { group: "Object-Level Semantic" },
];

describe.each(testBackends())("facet counts on $name", (backend) => {
  let database: TestDatabase;
  let datasetId: number;
  beforeAll(async () => {
    database = await backend.create();
    await importInto(database.handle, "facets", FILES);
    const row = await queryOne(database.handle, idRow, "SELECT id FROM datasets WHERE name = 'facets'");
    datasetId = row.id;
  });
  afterAll(async () => {
    await database?.dispose();
  });

  /** The oracle: the same numbers straight from candidates. */
  async function fromCandidates(where: string) {
    const rows = await queryRows(
      database.handle,
      z.object({ edit_type: col.text, items: col.int, reviewed: col.int, judge_pass: col.int, disagreements: col.int }),
      `SELECT edit_type, count(*) AS items, count(*) FILTER (WHERE review_count > 0) AS reviewed, count(*) FILTER (WHERE judge_verdict = 'pass') AS judge_pass,
         count(*) FILTER (WHERE is_disagreement) AS disagreements
       FROM candidates c WHERE dataset_id = $1 AND ${where} GROUP BY edit_type ORDER BY edit_type`,
      [datasetId],
    );
    return rows.map((row) => [row.edit_type, row.items, row.reviewed, row.judge_pass, row.disagreements]);
  }

  async function expectConsistent() {
    const sql: Record<string, string> = {
      "{}": "true",
      '{"eff":"pass"}': "effective_verdict = 'pass'",
      '{"judge":"fail"}': "judge_verdict = 'fail'",
      '{"human":"none"}': "human_verdict = 'none'",
      '{"dis":"1"}': "is_disagreement",
      '{"rev":"0","pair":"1"}': "review_count = 0 AND is_in_pair",
      '{"mt":"0","same":"0"}': "NOT is_multi_turn AND NOT is_identical_text",
      '{"group":"Object-Level Semantic"}': "true",
    };
    for (const filters of FILTER_SETS) {
      const facets = (await facetCounts(database.handle, datasetId, filters))
        .map((row) => [row.editType, row.items, row.reviewed, row.judgePass, row.disagreements])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]), "en", { sensitivity: "variant" }) || 0);
      const oracle = await fromCandidates(sql[JSON.stringify(filters)]);
      expect(facets.map((row) => row.join("|")).sort(), JSON.stringify(filters)).toEqual(oracle.map((row) => row.join("|")).sort());
      const { count } = await queryOne(
        database.handle,
        z.object({ count: col.int }),
        `SELECT count(*) AS count FROM candidates c WHERE dataset_id = $1 AND ${filters.group ? "group_name = 'Object-Level Semantic'" : sql[JSON.stringify(filters)]}`,
        [datasetId],
      );
      expect(await countCandidates(database.handle, datasetId, filters), `count ${JSON.stringify(filters)}`).toBe(count);
    }
  }

  it("match the candidates after import, decisions, undo and a verdict refresh", async () => {
    await expectConsistent();
    const reviewer = await queryOne(database.handle, idRow, "INSERT INTO reviewers (name) VALUES ('facet-test') RETURNING id");
    const candidate = await queryOne(
      database.handle,
      idRow,
      "SELECT id FROM candidates WHERE dataset_id = $1 AND human_verdict = 'none' ORDER BY id LIMIT 1",
      [datasetId],
    );
    const { reviewId } = await addReview(database.handle, {
      datasetId,
      candidateId: candidate.id,
      reviewerId: reviewer.id,
      verdict: "reject",
      reasonTags: [],
    });
    await expectConsistent();
    await undoReview(database.handle, { datasetId, reviewId, reviewerId: reviewer.id });
    await expectConsistent();
    await execute(database.handle, "UPDATE datasets SET threshold = 0.35 WHERE id = $1", [datasetId]);
    await refreshDataset(database.handle, datasetId);
    await expectConsistent();
  });
});
