// Import/export benchmark: synthetic SFT manifest with the real edit-type distribution,
// imported into a fresh PGlite folder, exported, compared with reading + JSON.parse alone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { flag, type ParsedArgs } from "../cli/args";
import { openDatabase } from "../db/client";
import { ensureDataset } from "../db/queries/datasets";
import { refreshStatistics } from "../db/queries/imports";
import { exportToFolder } from "../export/export-to-folder";
import { checkLinesInWorker } from "../import/checked-lines";
import { importFile } from "../import/import-file";
import { buildSearchIndex } from "../jobs/search-job";
import { readLines } from "../manifest/line-reader";
import { writeSyntheticSft } from "./synthetic";

export function peakRssTracker() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  return { stop: () => (clearInterval(timer), Math.max(peak, process.memoryUsage.rss())) };
}

function memoryLine(): string {
  const usage = process.memoryUsage();
  const mb = (value: number) => Math.round(value / 1e6);
  return `rss ${mb(usage.rss)} MB (JS heap ${mb(usage.heapUsed)}, buffers incl. the database's WASM memory ${mb(usage.arrayBuffers)})`;
}

const sum = (values: Record<string, number>) => Object.values(values).reduce((total, value) => total + value, 0);
const seconds = (start: number) => Number(((performance.now() - start) / 1000).toFixed(2));

export async function run(args: ParsedArgs) {
  const rows = Number(flag(args, "rows") ?? 400_000);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-bench-import-"));
  const manifest = path.join(work, "sft.jsonl");
  const log = (message: string) => process.stderr.write(`${message}\n`);
  log(`generating ${rows} synthetic SFT rows in ${manifest}`);
  await writeSyntheticSft(manifest, rows);

  let start = performance.now();
  let parsed = 0;
  for await (const line of readLines(manifest)) {
    if (!line.text) continue;
    JSON.parse(line.text);
    parsed++;
  }
  const parseOnly = seconds(start);
  log(`parse only: ${parsed} lines in ${parseOnly} s`);

  const rss = peakRssTracker();
  const handle = await openDatabase({ dataDir: path.join(work, "data"), purpose: "bench" });
  const dataset = await ensureDataset(handle, "bench");
  start = performance.now();
  const cpuStart = process.cpuUsage();
  const report = await importFile(handle, {
    datasetId: dataset.id,
    file: manifest,
    bulk: true,
    checkLines: checkLinesInWorker,
    onProgress: (progress) => progress.linesRead % 50_000 < 5000 && log(`imported ${progress.linesRead}`),
  });
  // Browsable: rows, the browse indexes and planner statistics are in (importFile's bulk path).
  const browsableSeconds = seconds(start);
  log(`browsable after ${browsableSeconds} s; ${memoryLine()}`);
  // What the app's background job does next, run here to its end: the other indexes, the search words.
  const backgroundStart = performance.now();
  const built = await buildSearchIndex(handle, dataset.id, {
    onProgress: (progress) => {
      if (progress.done % 100_000 < 5000 && progress.done > 0) log(`search words ${progress.done}/${progress.total}`);
    },
  });
  const wordsSeconds = seconds(backgroundStart) - sum(built.indexSeconds);
  await refreshStatistics(handle, { vacuum: true });
  const importSeconds = seconds(start);
  const cpu = process.cpuUsage(cpuStart);
  log(`import: ${report.imported} rows, everything ready in ${importSeconds} s (${report.bad} bad); ${memoryLine()}`);

  start = performance.now();
  const exported = await exportToFolder(handle, dataset, path.join(work, "export"));
  const exportSeconds = seconds(start);
  log(`export: ${exported.files["sft.jsonl"].rows} rows in ${exportSeconds} s; ${memoryLine()}`);
  await handle.close();
  const peak = rss.stop();
  if (flag(args, "keep") !== "true") fs.rmSync(work, { recursive: true, force: true });
  const browseIndexes = sum(report.indexSeconds ?? {});
  const round2 = (value: number) => Number(value.toFixed(2));
  return {
    bench: "import",
    rows,
    import_s: importSeconds,
    browsable_s: browsableSeconds,
    load_s: round2(browsableSeconds - browseIndexes),
    browse_indexes_s: round2(browseIndexes),
    other_indexes_s: round2(sum(built.indexSeconds)),
    search_index_s: round2(wordsSeconds),
    cpu_s: round2((cpu.user + cpu.system) / 1e6),
    export_s: exportSeconds,
    parse_only_s: parseOnly,
    import_vs_parse: Number((importSeconds / parseOnly).toFixed(1)),
    peak_rss_mb: Math.round(peak / 1e6),
  };
}
