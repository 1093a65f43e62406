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
import { importFile } from "../import/import-file";
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
  const report = await importFile(handle, {
    datasetId: dataset.id,
    file: manifest,
    bulk: true,
    onProgress: (progress) => progress.linesRead % 50_000 < 5000 && log(`imported ${progress.linesRead}`),
  });
  await refreshStatistics(handle, { vacuum: true });
  const importSeconds = seconds(start);
  log(`import: ${report.imported} rows in ${importSeconds} s (${report.bad} bad); ${memoryLine()}`);

  start = performance.now();
  const exported = await exportToFolder(handle, dataset, path.join(work, "export"));
  const exportSeconds = seconds(start);
  log(`export: ${exported.files["sft.jsonl"].rows} rows in ${exportSeconds} s; ${memoryLine()}`);
  await handle.close();
  const peak = rss.stop();
  if (flag(args, "keep") !== "true") fs.rmSync(work, { recursive: true, force: true });
  const searchIndex = report.indexSeconds?.requests_search_trgm ?? 0;
  const otherIndexes = Object.entries(report.indexSeconds ?? {}).reduce(
    (sum, [name, value]) => (name === "requests_search_trgm" ? sum : sum + value),
    0,
  );
  return {
    bench: "import",
    rows,
    import_s: importSeconds,
    load_s: Number((importSeconds - searchIndex - otherIndexes).toFixed(2)),
    browse_indexes_s: Number(otherIndexes.toFixed(2)),
    search_index_s: Number(searchIndex.toFixed(2)),
    export_s: exportSeconds,
    parse_only_s: parseOnly,
    import_vs_parse: Number((importSeconds / parseOnly).toFixed(1)),
    peak_rss_mb: Math.round(peak / 1e6),
  };
}
