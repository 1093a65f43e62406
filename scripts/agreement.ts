// npm run agreement -- --dataset NAME [--json]
// Reviewer agreement from the command line: the same loader as the agreement page and
// GET /api/datasets/<id>/agreement, so the numbers match. --json prints the whole JSON.
import { die, flag, parseArgs } from "../lib/cli/args";
import { openForCli } from "../lib/cli/open";
import { loadAgreement, type AgreementJson } from "../lib/db/queries/agreement";
import { findDataset, listDatasetNames } from "../lib/db/queries/datasets";

const USAGE = "usage: npm run agreement -- --dataset NAME [--json]";

let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2), ["json", "help"]);
} catch (error) {
  die(`${(error as Error).message}\n${USAGE}`);
}
if (flag(args, "help")) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = [...args.flags.keys()].filter((name) => !["dataset", "json", "help"].includes(name));
if (unknown.length || args.positional.length)
  die(`unexpected ${unknown.length ? `--${unknown[0]}` : JSON.stringify(args.positional[0])}\n${USAGE}`);
const name = flag(args, "dataset");
if (!name) die(`--dataset is required\n${USAGE}`);

const handle = await openForCli("agreement CLI");
const dataset = await findDataset(handle, name!);
if (!dataset) {
  const names = await listDatasetNames(handle);
  await handle.close();
  die(`no dataset named ${JSON.stringify(name)}; ${names.length ? `known: ${names.join(", ")}` : "import one first (npm run import)"}`);
}
const { json } = await loadAgreement(handle, dataset);
await handle.close();

if (flag(args, "json")) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
else printSummary(dataset.name, json);

function fixed(value: number | null, digits = 3): string {
  return value === null ? "—" : value.toFixed(digits);
}
function pct(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}

function printSummary(datasetName: string, { verdicts, pairs, reviewers_activity, gold }: AgreementJson) {
  console.log(`Agreement: ${datasetName}`);
  console.log(
    `  verdicts: ${verdicts.reviewers.length} reviewers (${verdicts.reviewers.join(", ") || "none"}); ${verdicts.items} of ${verdicts.decided_items} decided items have two or more verdicts`,
  );
  console.log(
    `  Krippendorff's α ${fixed(verdicts.krippendorff_alpha)}${verdicts.krippendorff_alpha_note ? ` (${verdicts.krippendorff_alpha_note})` : ""}`,
  );
  const fleiss = verdicts.fleiss_kappa;
  console.log(
    `  Fleiss' κ ${fixed(fleiss.value)} over ${fleiss.items} items with exactly ${fleiss.raters ?? "—"} verdicts${fleiss.note ? ` (${fleiss.note})` : ""}`,
  );
  for (const row of verdicts.pairwise) {
    console.log(
      `    ${row.a} · ${row.b}: n ${row.n}, κ ${fixed(row.kappa)}, ` +
        `κ accept/reject ${fixed(row.kappa_accept_reject)} (n ${row.n_accept_reject}), agreement ${pct(row.percent_agreement)}` +
        (row.note ? `; ${row.note}` : ""),
    );
  }
  for (const row of verdicts.by_edit_type)
    console.log(`    α ${fixed(row.krippendorff_alpha).padStart(6)} on ${String(row.items).padStart(4)} items  ${row.edit_type}`);
  console.log(
    `  pairs: ${pairs.labels} live labels; ${pairs.multi.pairs} pairs labelled by several, Fleiss' κ ${fixed(pairs.multi.fleiss_kappa)}`,
  );
  for (const row of pairs.pairwise)
    console.log(`    ${row.a} · ${row.b}: n ${row.n}, κ ${fixed(row.kappa)}, agreement ${pct(row.percent_agreement)}`);
  console.log(`  reviewers (median seconds per item over gaps ≤ ${reviewers_activity.session_gap_seconds} s):`);
  for (const row of reviewers_activity.reviewers) {
    const accuracy = gold.reviewers.find((entry) => entry.reviewer === row.reviewer);
    console.log(
      `    ${row.reviewer}: ${row.items_decided} items, median ${fixed(row.median_seconds_per_item, 1)} s, last active ${row.last_active ?? "—"}${accuracy ? `; gold ${pct(accuracy.accuracy)} (${accuracy.correct}/${accuracy.n}, 95% CI ${pct(accuracy.ci_low)}–${pct(accuracy.ci_high)})` : ""}`,
    );
  }
}
