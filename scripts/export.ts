// npm run export -- --dataset NAME --out DIR [--edit-type TYPE]... [--min-gold-accuracy 0.8]
import { die, flag, parseArgs } from "../lib/cli/args";
import { openForCli } from "../lib/cli/open";
import { findDataset } from "../lib/db/queries/datasets";
import { exportToFolder } from "../lib/export/export-to-folder";

const USAGE = "usage: npm run export -- --dataset NAME --out DIR [--edit-type TYPE]... [--min-gold-accuracy 0..1]";
const args = parseArgs(process.argv.slice(2), ["help"]);
const datasetName = flag(args, "dataset");
const outDir = flag(args, "out");
if (!datasetName || !outDir) die(`--dataset and --out are required\n${USAGE}`);
const minGoldText = flag(args, "min-gold-accuracy");
const minGoldAccuracy = minGoldText === undefined ? undefined : Number(minGoldText);
if (minGoldAccuracy !== undefined && !(minGoldText !== "" && minGoldAccuracy >= 0 && minGoldAccuracy <= 1))
  die(`--min-gold-accuracy: expected a number from 0 to 1, got ${JSON.stringify(minGoldText)}\n${USAGE}`);

const handle = await openForCli("export CLI");
const dataset = await findDataset(handle, datasetName);
if (!dataset) {
  await handle.close();
  die(`no dataset named "${datasetName}"`);
}
const started = Date.now();
const filters = { editTypes: args.flags.get("edit-type"), ...(minGoldAccuracy === undefined ? {} : { minGoldAccuracy }) };
// Every file of the export registry (lib/export/registry.ts), the same files the site offers.
const manifest = await exportToFolder(handle, dataset, outDir, { filters });
for (const [file, counts] of Object.entries(manifest.files)) {
  const excluded = Object.entries(counts.dropReasons)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(", ");
  console.log(
    `${file}: ${counts.rows} rows (${counts.unchanged} unchanged, ${counts.changed} changed, ${counts.dropped} dropped${excluded ? `: ${excluded}` : ""})`,
  );
}
console.log(
  `Changed by human decisions: ${manifest.rows_changed_by_human_decisions}; dropped by human decisions: ${manifest.rows_dropped_by_human_decisions}`,
);
for (const note of manifest.notes) console.log(note);
console.log(`Wrote ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s. ${manifest.licence}`);
await handle.close();
