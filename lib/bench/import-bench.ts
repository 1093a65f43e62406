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
import { createTermsFile } from "../import/terms-file";
import { TERMS_INDEX } from "../db/queries/search-index";
import { buildSearchIndex } from "../jobs/search-job";
import { readLines } from "../manifest/line-reader";
import { writeSyntheticSft } from "./synthetic";

/**
 * The process's peak resident memory so far, from the kernel's high-water mark (Linux), which
 * counts what sampling misses: PGlite's calls block the event loop, so a timer sampling RSS did
 * not run during the very statements that peak (it reported 837 MB where the peak was ~1 GB).
 */
function highWaterMark(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function peakRssTracker() {
  // Resets the high-water mark (writing 5 to clear_refs), so generating the manifest does not count.
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // not Linux: the sampled peak below is what there is
  }
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  return { stop: () => (clearInterval(timer), highWaterMark() ?? Math.max(peak, process.memoryUsage.rss())) };
}

function memoryLine(): string {
  const usage = process.memoryUsage();
  const mb = (value: number) => Math.round(value / 1e6);
  const peak = highWaterMark();
  return (
    `rss ${mb(usage.rss)} MB${peak ? `, peak so far ${mb(peak)} MB` : ""} ` +
    `(JS heap ${mb(usage.heapUsed)} of ${mb(usage.heapTotal)}, buffers incl. the database's WASM memory ${mb(usage.arrayBuffers)})`
  );
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
  const handle = await openDatabase({ dataDir: path.join(work, "data"), purpose: "bench", initInChild: true });
  const dataset = await ensureDataset(handle, "bench");
  start = performance.now();
  const cpuStart = process.cpuUsage();
  const termsFile = createTermsFile();
  const report = await importFile(handle, {
    datasetId: dataset.id,
    file: manifest,
    bulk: true,
    checkLines: checkLinesInWorker,
    termsFile: termsFile.path,
    onProgress: (progress) => progress.linesRead % 50_000 < 5000 && log(`imported ${progress.linesRead}; ${memoryLine()}`),
  });
  // Browsable: rows, the browse indexes and planner statistics are in (importFile's bulk path).
  const browsableSeconds = seconds(start);
  log(`browsable after ${browsableSeconds} s; ${memoryLine()}`);
  // What the app's background job does next, run here to its end: the other indexes, the search words.
  const backgroundStart = performance.now();
  const built = await buildSearchIndex(handle, dataset.id, {
    termsFile: termsFile.path,
    onProgress: (progress) => {
      if (progress.done % 100_000 < 20_000 && progress.done > 0) log(`search words ${progress.done}/${progress.total}; ${memoryLine()}`);
    },
  });
  termsFile.remove();
  log(`search index built; ${memoryLine()}`);
  // The words' GIN index is part of the search build; the other indexes are not.
  const { [TERMS_INDEX]: termsIndexSeconds = 0, ...otherIndexSeconds } = built.indexSeconds;
  const wordsSeconds = seconds(backgroundStart) - sum(otherIndexSeconds);
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
    other_indexes_s: round2(sum(otherIndexSeconds)),
    search_index_s: round2(wordsSeconds),
    search_gin_s: round2(termsIndexSeconds),
    cpu_s: round2((cpu.user + cpu.system) / 1e6),
    export_s: exportSeconds,
    parse_only_s: parseOnly,
    import_vs_parse: Number((importSeconds / parseOnly).toFixed(1)),
    peak_rss_mb: Math.round(peak / 1e6),
  };
}
