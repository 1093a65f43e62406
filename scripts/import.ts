// npm run import -- --dataset NAME [--base URL_OR_DIR] [--strict] FILE...
import fs from "node:fs";
import cliProgress from "cli-progress";
import { die, flag, parseArgs } from "../lib/cli/args";
import { openForCli } from "../lib/cli/open";
import { ensureDataset } from "../lib/db/queries/datasets";
import { refreshStatistics } from "../lib/db/queries/imports";
import { checkBase } from "../lib/images/sources";
import { checkLinesInWorker } from "../lib/import/checked-lines";
import { importFile } from "../lib/import/import-file";
import { createTermsFile } from "../lib/import/terms-file";
import { buildSearchIndex } from "../lib/jobs/search-job";

const BULK_FROM_BYTES = 20 * 1024 * 1024;
const USAGE = "usage: npm run import -- --dataset NAME [--base URL_OR_DIR] [--strict] [--quiet] FILE...";
const args = parseArgs(process.argv.slice(2), ["strict", "quiet", "help"]);
if (flag(args, "help")) {
  console.log(USAGE);
  process.exit(0);
}
const datasetName = flag(args, "dataset");
if (!datasetName) die(`--dataset is required\n${USAGE}`);
if (args.positional.length === 0) die(`give at least one FILE\n${USAGE}`);
for (const file of args.positional) if (!fs.existsSync(file)) die(`${file}: no such file`);

// The base goes through the same allowlist as the settings page: the server would refuse to read
// images from a folder outside its roots, so say so now rather than on every image.
const baseFlag = flag(args, "base");
let base: string | undefined;
if (baseFlag !== undefined) {
  const checked = checkBase(baseFlag);
  if (!checked.ok) die(`--${checked.error}`);
  base = checked.base;
}

const handle = await openForCli("import CLI");
const dataset = await ensureDataset(handle, datasetName, { base });
const isQuiet = flag(args, "quiet") === "true" || !process.stderr.isTTY;
let anyBad = false;
let isSearchDeferred = false;
const controller = new AbortController();
// Big files on the embedded database: defer index upkeep to one build at the end (the CLI holds
// the data folder alone, so nobody browses without indexes meanwhile).
const isBulk = (file: string) => handle.kind === "pglite" && fs.statSync(file).size > BULK_FROM_BYTES;
// The search words of bulk-loaded requests, computed while checking, for the build below (a
// scratch folder only when some file is loaded in bulk; removed on exit).
const termsFile = args.positional.some(isBulk) ? createTermsFile() : undefined;
process.on("exit", () => termsFile?.remove());
process.once("SIGINT", () => {
  console.error("\nStopping after the current batch (what was imported stays; re-run to continue)…");
  controller.abort();
});

for (const file of args.positional) {
  const bar = new cliProgress.SingleBar(
    { format: `${file} [{bar}] {percentage}% | {value}/{total} MB | {lines} lines | {bad} bad | eta {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const totalMb = Math.max(1, Math.round(fs.statSync(file).size / 1e6));
  if (!isQuiet) bar.start(totalMb, 0, { lines: 0, bad: 0 });
  const report = await importFile(handle, {
    datasetId: dataset.id,
    file,
    label: file,
    strict: flag(args, "strict") === "true",
    bulk: isBulk(file),
    checkLines: checkLinesInWorker,
    termsFile: termsFile?.path,
    signal: controller.signal,
    onProgress: (progress) => {
      if (!isQuiet) bar.update(Math.round(progress.bytesRead / 1e6), { lines: progress.linesRead, bad: progress.bad });
    },
  });
  if (!isQuiet) {
    bar.update(totalMb);
    bar.stop();
  }
  for (const message of report.errors) console.error(message);
  if (report.bad > report.errors.length) console.error(`… and ${report.bad - report.errors.length} more bad lines`);
  for (const message of report.warnings) console.error(`warning: ${message}`);
  const kinds = Object.entries(report.byKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(", ");
  const verb =
    report.status === "rejected" ? "REJECTED (--strict: nothing imported)" : report.status === "cancelled" ? "CANCELLED" : "done";
  console.log(
    `${file}: ${verb}: ${report.linesTotal} lines, ${report.imported} imported${kinds ? ` (${kinds})` : ""}, ${report.unchanged} already there, ${report.bad} bad`,
  );
  if (report.bad > 0) anyBad = true;
  if (report.isSearchDeferred) isSearchDeferred = true;
  if (controller.signal.aborted) break;
}
if (isSearchDeferred && !controller.signal.aborted) {
  // The rows are browsable now; the search words (and the indexes only export and later imports
  // read) are the app's background job. Build them here while we hold the data folder anyway;
  // Ctrl-C leaves the rest to the app, which resumes the build when it starts.
  console.log("Browsable now. Building the search index (Ctrl-C leaves it to the app, which finishes it in the background)…");
  const stop = new AbortController();
  process.removeAllListeners("SIGINT");
  process.once("SIGINT", () => stop.abort());
  const searchBar = new cliProgress.SingleBar(
    { format: "search index [{bar}] {percentage}% | {value}/{total} instructions", hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let isBarStarted = false;
  const built = await buildSearchIndex(handle, dataset.id, {
    termsFile: termsFile?.path,
    signal: stop.signal,
    onProgress: (progress) => {
      if (isQuiet) return;
      if (!isBarStarted) searchBar.start(Math.max(progress.total, 1), 0);
      isBarStarted = true;
      searchBar.update(progress.done);
    },
  });
  if (isBarStarted) searchBar.stop();
  console.log(built.isReady ? "Search index ready." : "Search index left for the app to finish in the background.");
}
if (handle.kind === "pglite") await refreshStatistics(handle, { vacuum: true });
await handle.close();
process.exit(anyBad || controller.signal.aborted ? 1 : 0);
