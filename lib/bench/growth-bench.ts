// How cost grows with the dataset: on PostgreSQL (DATABASE_URL's server, or a throw-away one),
// for each size a fresh database, a bulk import of synthetic SFT rows (rows, browse indexes and
// the search index), synthetic verdicts, then the browse benchmark's page / facets / search
// timings. Last line: {"sizes": [{"rows", "import_s", "page_p95_ms", "facets_p95_ms", "search_p95_ms"}, …]}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { flag, type ParsedArgs } from "../cli/args";
import { openDatabase } from "../db/client";
import { createServerDatabase, dropServerDatabase } from "../db/scratch-databases";
import { ensureDataset } from "../db/queries/datasets";
import { checkLinesInWorker } from "../import/checked-lines";
import { importFile } from "../import/import-file";
import { buildSearchIndex } from "../jobs/search-job";
import { createTermsFile } from "../import/terms-file";
import { measureBrowse } from "./browse-bench";
import { synthesiseVerdicts } from "../db/queries/bench-data";
import { refreshStatistics } from "../db/queries/imports";
import { startPgServer, withDatabase, type PgServer } from "./pg-server";
import { writeSyntheticSft } from "./synthetic";

const log = (message: string) => process.stderr.write(`${message}\n`);
const seconds = (start: number) => Number(((performance.now() - start) / 1000).toFixed(1));

/** "100k,400k,1.6m" → [100000, 400000, 1600000]. */
export function parseSizes(text: string): number[] {
  return text.split(",").map((part) => {
    const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(part.trim());
    if (!match) throw new Error(`--sizes: "${part}" is not a row count (e.g. 100k, 1.6m, 250000)`);
    const scale = { "": 1, k: 1e3, m: 1e6 }[match[2].toLowerCase() as "" | "k" | "m"];
    return Math.round(Number(match[1]) * scale);
  });
}

export async function run(args: ParsedArgs) {
  const sizes = parseSizes(flag(args, "sizes") ?? "100k,400k,1.6m");
  const rounds = Number(flag(args, "rounds") ?? 30);
  let server: PgServer | undefined;
  const serverUrl = process.env.DATABASE_URL ?? (server = await startPgServer()).url;
  log(
    server
      ? `started a throw-away PostgreSQL server at ${serverUrl} (shared buffers ${server.sharedBuffersMb} MB, huge pages ${server.hugePages ?? "unknown"})`
      : `using DATABASE_URL's server`,
  );
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-bench-growth-"));
  const results: { rows: number; import_s: number; page_p95_ms: number; facets_p95_ms: number; search_p95_ms: number }[] = [];
  try {
    for (const rows of sizes) {
      const manifest = path.join(work, `sft-${rows}.jsonl`);
      log(`${rows} rows: generating…`);
      await writeSyntheticSft(manifest, rows);
      const name = `ripe_growth_${rows}_${process.pid}`;
      await createServerDatabase(serverUrl, name);
      try {
        const db = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), purpose: "bench" });
        const dataset = await ensureDataset(db, "bench");
        const start = performance.now();
        const termsFile = createTermsFile();
        const report = await importFile(db, {
          datasetId: dataset.id,
          file: manifest,
          bulk: true,
          checkLines: checkLinesInWorker,
          termsFile: termsFile.path,
        });
        const browsableSeconds = seconds(start);
        // The search words and the remaining indexes: the background build, here run to its end.
        await buildSearchIndex(db, dataset.id, { termsFile: termsFile.path });
        termsFile.remove();
        const importSeconds = seconds(start);
        await refreshStatistics(db);
        log(`${rows} rows: imported ${report.imported} in ${importSeconds} s; measuring…`);
        await synthesiseVerdicts(db, dataset.id);
        await refreshStatistics(db, { vacuum: true });
        const measured = await measureBrowse(db, dataset, rounds);
        await db.close();
        const row = {
          rows,
          browsable_s: browsableSeconds,
          import_s: importSeconds,
          import_s_per_100k: Number(((importSeconds * 100_000) / rows).toFixed(1)),
          page_p95_ms: measured.page_p95_ms,
          facets_p95_ms: measured.facets_p95_ms,
          search_p95_ms: measured.search_p95_ms,
          search_p50_ms: measured.search_p50_ms,
        };
        log(JSON.stringify(row));
        results.push(row);
      } finally {
        await dropServerDatabase(serverUrl, name);
        fs.rmSync(manifest, { force: true });
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    server?.stop();
  }
  // Which server was measured: search at 1.6M depends on its memory (README, Running for a team).
  return { sizes: results, server: server ? { shared_buffers_mb: server.sharedBuffersMb, huge_pages: server.hugePages } : "DATABASE_URL" };
}
