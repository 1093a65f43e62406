// Browse benchmark: N synthetic candidates in a fresh PGlite folder, judged and partly reviewed
// (synthetic verdicts set in SQL), then server-side timings of the queries the browse page runs:
// filtered keyset pages (first and deep), facet counts, and text-search pages.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { flag, type ParsedArgs } from "../cli/args";
import { openDatabase, type DbHandle } from "../db/client";
import { ensureDataset } from "../db/queries/datasets";
import { countCandidates, facetCounts, listCandidates } from "../db/queries/browse";
import { synthesiseVerdicts } from "../db/queries/bench-data";
import { refreshStatistics } from "../db/queries/imports";
import { checkLinesInWorker } from "../import/checked-lines";
import { importFile } from "../import/import-file";
import { buildSearchIndex } from "../jobs/search-job";
import { forgetSearchPlans } from "../db/queries/browse-search";
import { createTermsFile } from "../import/terms-file";
import type { BrowseFilters } from "../browse/filters";
import { EDIT_TYPES } from "../taxonomy";
import { VOCABULARY, writeSyntheticSft } from "./synthetic";

const log = (message: string) => process.stderr.write(`${message}\n`);

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed<T>(samples: number[], work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await work();
  samples.push(performance.now() - start);
  return result;
}

export async function run(args: ParsedArgs) {
  const rows = Number(flag(args, "rows") ?? 400_000);
  const rounds = Number(flag(args, "rounds") ?? 30);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-bench-browse-"));
  const manifest = path.join(work, "sft.jsonl");
  log(`generating and importing ${rows} rows…`);
  await writeSyntheticSft(manifest, rows);
  const db = await openDatabase({ dataDir: path.join(work, "data"), purpose: "bench" });
  const dataset = await ensureDataset(db, "bench");
  const termsFile = createTermsFile();
  await importFile(db, { datasetId: dataset.id, file: manifest, bulk: true, checkLines: checkLinesInWorker, termsFile: termsFile.path });
  await buildSearchIndex(db, dataset.id, { termsFile: termsFile.path });
  termsFile.remove();
  await synthesiseVerdicts(db, dataset.id);
  await refreshStatistics(db, { vacuum: true });
  log("measuring…");

  const measured = await measureBrowse(db, dataset, rounds);
  await db.close();
  if (flag(args, "keep") !== "true") fs.rmSync(work, { recursive: true, force: true });
  return { bench: "browse", rows, ...measured };
}

/** What people type: frequent words (in a third of all instructions), rarer ones, the long tail, prefixes, two words. */
export function searchWords(round: number): string {
  const rare = VOCABULARY[50 + ((round * 37) % 1500)];
  switch (round % 5) {
    case 0:
      return ["natural", "lighting", "seamlessly", "perspective"][Math.floor(round / 5) % 4];
    case 1:
      return rare.slice(0, 3);
    case 2:
      return `${VOCABULARY[(round * 13) % 40]} ${rare}`;
    case 3:
      // The long tail: a handful of instructions, or none.
      return VOCABULARY[3000 + ((round * 7) % 1000)];
    default:
      return rare;
  }
}

/** Server-side timings of the queries the browse page runs: pages (first and deep), facets, counts, text search. */
export async function measureBrowse(db: DbHandle, dataset: { id: number; threshold: number }, rounds: number) {
  const types = EDIT_TYPES.map((entry) => entry.editType);
  const filterSets: BrowseFilters[] = [
    { sort: "newest" },
    { sort: "score_desc" },
    { type: types[1], sort: "score_desc" },
    { type: types[5], sort: "score_asc" },
    { group: "Stylistic", sort: "newest" },
    { eff: "fail", sort: "score_desc" },
    { dis: "1", sort: "newest" },
    { rev: "0", type: types[3], sort: "newest" },
    { judge: "pass", human: "fail", sort: "score_desc" },
    { min: 0.6, max: 0.8, sort: "score_asc" },
    { sort: "uncertainty" },
    { type: types[9], sort: "uncertainty" },
    { same: "1", sort: "newest" },
    { sort: "type" },
  ];
  const page: number[] = [];
  const facets: number[] = [];
  const search: number[] = [];
  const counts: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const filters = filterSets[round % filterSets.length];
    const first = await timed(page, () => listCandidates(db, dataset, filters));
    // A deep page: follow the cursor a few pages in (keyset, never OFFSET).
    let cursor = first.nextCursor;
    for (let step = 0; step < 3 && cursor; step++)
      cursor = (await timed(page, () => listCandidates(db, dataset, filters, { cursor }))).nextCursor;
    await timed(facets, () => facetCounts(db, dataset.id, round % 3 === 0 ? {} : filters));
    await timed(counts, () => countCandidates(db, dataset.id, filters));
    // Each search as if typed for the first time: the plan a recent search chose is not reused.
    forgetSearchPlans();
    await timed(search, () => listCandidates(db, dataset, { q: searchWords(round), sort: round % 2 ? "newest" : "score_desc" }));
  }
  const round1 = (value: number) => Number(value.toFixed(1));
  return {
    page_p95_ms: round1(percentile(page, 95)),
    facets_p95_ms: round1(percentile(facets, 95)),
    search_p95_ms: round1(percentile(search, 95)),
    count_p95_ms: round1(percentile(counts, 95)),
    page_p50_ms: round1(percentile(page, 50)),
    facets_p50_ms: round1(percentile(facets, 50)),
    search_p50_ms: round1(percentile(search, 50)),
    samples: { page: page.length, facets: facets.length, search: search.length },
  };
}
