// npm run audit -- --dataset NAME [--json] [--type T | --group G] [--judge-id ID] [--reviewer NAME]
//                  [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--sample ID]
// The judge audit from the command line: the same report builder as the audit page and
// GET /api/datasets/<id>/audit, so the numbers match. --json prints the whole report.
import { die, flag, parseArgs } from "../lib/cli/args";
import { openForCli } from "../lib/cli/open";
import { auditSliceSchema, type AuditSlice } from "../lib/audit/slice";
import type { AuditReport } from "../lib/audit/report";
import { findDataset, listDatasetNames } from "../lib/db/queries/datasets";
import { loadAuditReport } from "../lib/db/queries/audit";

const USAGE = `usage: npm run audit -- --dataset NAME [--json] [--type T | --group G] [--judge-id ID] [--reviewer NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--sample ID]`;

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
const name = flag(args, "dataset");
if (!name) die(`--dataset is required\n${USAGE}`);

const parsed = auditSliceSchema.safeParse({
  type: flag(args, "type"),
  group: flag(args, "group"),
  judge_id: flag(args, "judge-id"),
  reviewer: flag(args, "reviewer"),
  from: flag(args, "from"),
  to: flag(args, "to"),
  sample: flag(args, "sample"),
});
if (!parsed.success) die(parsed.error.issues.map((issue) => `--${String(issue.path[0]).replace("_", "-")}: ${issue.message}`).join("; "));
const slice: AuditSlice = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));

const handle = await openForCli("audit CLI");
const dataset = await findDataset(handle, name!);
if (!dataset) {
  const names = await listDatasetNames(handle);
  await handle.close();
  die(`no dataset named ${JSON.stringify(name)}; ${names.length ? `known: ${names.join(", ")}` : "import one first (npm run import)"}`);
}
const report = await loadAuditReport(handle, dataset, slice);
await handle.close();

if (flag(args, "json")) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  printSummary(report);
}

function pct(value: number | null): string {
  return value === null ? "—" : `${(value * 100).toFixed(1)}%`;
}
function fixed(value: number | null, digits = 3): string {
  return value === null ? "—" : value.toFixed(digits);
}

function printSummary(r: AuditReport) {
  const c = r.confusion;
  console.log(`Judge audit: ${r.dataset.name} (judge ${r.judge_id}, threshold ${r.dataset.threshold})`);
  console.log(`  labelled ${r.labelled} of ${r.reviewed} reviewed; population ${r.population.candidates} candidates, ${r.population.judged} judged`);
  console.log(`  accuracy ${pct(r.accuracy)}  error ${pct(r.error_rate)}  κ ${fixed(r.kappa)} [${r.kappa_ci ? r.kappa_ci.map((v) => fixed(v)).join(", ") : "—"}]  ECE ${fixed(r.ece)}`);
  console.log(`  judge pass/human pass ${c.judge_pass_human_pass}, pass/fail ${c.judge_pass_human_fail}, fail/pass ${c.judge_fail_human_pass}, fail/fail ${c.judge_fail_human_fail}`);
  console.log(`  accepts: precision ${pct(r.accept.precision)} recall ${pct(r.accept.recall)}; rejects: precision ${pct(r.reject.precision)} recall ${pct(r.reject.recall)}`);
  console.log(`  best threshold ${fixed(r.best_threshold, 2)} (κ ${fixed(r.threshold_sweep.best?.kappa ?? null)}; now ${fixed(r.threshold_sweep.current.kappa)})`);
  console.log(`  sampling: ${r.sampling.note}`);
  const worst = r.by_edit_type.filter((row) => row.labelled > 0).slice(0, 5);
  if (worst.length) console.log("  worst edit types:");
  for (const row of worst) console.log(`    ${pct(row.error_rate).padStart(6)} wrong of ${String(row.labelled).padStart(4)}  ${row.edit_type}`);
  for (const note of r.notes) console.log(`  note: ${note}`);
}
