// npm run audit -- --dataset NAME [--json] [--type T | --group G] [--judge-id ID] [--reviewer NAME]
//                  [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--sample ID] [--compare JUDGE_A JUDGE_B]
//                  [--min-gold-accuracy 0.8]
// The judge audit from the command line: the same report builder as the audit page and
// GET /api/datasets/<id>/audit, so the numbers match. --json prints the whole report.
// --compare puts two judges side by side on the same reviewed items (the compare page's numbers).
import { die, flag, parseArgs } from "../lib/cli/args";
import { openForCli } from "../lib/cli/open";
import { auditSliceSchema, type AuditSlice } from "../lib/audit/slice";
import type { AuditReport } from "../lib/audit/report";
import { findDataset, listDatasetNames } from "../lib/db/queries/datasets";
import { loadAuditReport } from "../lib/db/queries/audit";
import { comparePairSchema, loadJudgeComparison, type JudgeComparisonReport } from "../lib/db/queries/audit-compare";

const USAGE =
  "usage: npm run audit -- --dataset NAME [--json] [--type T | --group G] [--judge-id ID] [--reviewer NAME] " +
  "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--sample ID] [--compare JUDGE_A JUDGE_B] [--min-gold-accuracy 0..1]";

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
  min_gold: flag(args, "min-gold-accuracy"),
});
if (!parsed.success)
  die(
    parsed.error.issues
      .map((issue) => `--${issue.path[0] === "min_gold" ? "min-gold-accuracy" : String(issue.path[0]).replace("_", "-")}: ${issue.message}`)
      .join("; "),
  );
const slice: AuditSlice = Object.fromEntries(Object.entries(parsed.data).filter(([, value]) => value !== undefined));

// --compare A B: the parser takes A as the flag's value and leaves B positional.
const compareA = flag(args, "compare");
const pair = compareA === undefined ? null : comparePairSchema.safeParse({ a: compareA, b: args.positional[0] ?? "" });
if (pair && !pair.success) die(`--compare JUDGE_A JUDGE_B: ${pair.error.issues.map((issue) => issue.message).join("; ")}\n${USAGE}`);

const handle = await openForCli("audit CLI");
const dataset = await findDataset(handle, name!);
if (!dataset) {
  const names = await listDatasetNames(handle);
  await handle.close();
  die(`no dataset named ${JSON.stringify(name)}; ${names.length ? `known: ${names.join(", ")}` : "import one first (npm run import)"}`);
}
if (pair?.success) {
  const comparison = await loadJudgeComparison(handle, dataset!, slice, pair.data.a, pair.data.b);
  await handle.close();
  const unknown = [pair.data.a, pair.data.b].filter((id) => !comparison.judge_ids.includes(id));
  if (unknown.length)
    die(
      `no verdicts on reviewed items from ${unknown.map((id) => JSON.stringify(id)).join(" and ")}; judges with some: ${comparison.judge_ids.join(", ") || "none"}`,
    );
  if (flag(args, "json")) process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else printComparison(comparison);
  process.exit(0);
}
const report = await loadAuditReport(handle, dataset!, slice);
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
  console.log(
    `  labelled ${r.labelled} of ${r.reviewed} reviewed; population ${r.population.candidates} candidates, ${r.population.judged} judged`,
  );
  console.log(
    `  accuracy ${pct(r.accuracy)}  error ${pct(r.error_rate)}  κ ${fixed(r.kappa)} [${r.kappa_ci ? r.kappa_ci.map((v) => fixed(v)).join(", ") : "—"}]  ECE ${fixed(r.ece)}`,
  );
  console.log(
    `  judge pass/human pass ${c.judge_pass_human_pass}, pass/fail ${c.judge_pass_human_fail}, fail/pass ${c.judge_fail_human_pass}, fail/fail ${c.judge_fail_human_fail}`,
  );
  console.log(
    `  accepts: precision ${pct(r.accept.precision)} recall ${pct(r.accept.recall)}; rejects: precision ${pct(r.reject.precision)} recall ${pct(r.reject.recall)}`,
  );
  console.log(
    `  best threshold ${fixed(r.best_threshold, 4)} (κ ${fixed(r.threshold_sweep.best?.kappa ?? null, 4)} over ${r.threshold_sweep.cuts} cuts; now ${fixed(r.threshold_sweep.current.kappa, 4)})`,
  );
  const contamination = r.contamination;
  console.log(
    `  contamination: ${pct(contamination.rate)} of judge passes rejected by people` +
      (contamination.ci ? ` (95% CI ${pct(contamination.ci[0])}–${pct(contamination.ci[1])})` : "") +
      (contamination.projected_bad !== null ? `; ≈${Math.round(contamination.projected_bad)} bad edits projected into the export` : ""),
  );
  for (const [title, rows] of [
    ["too lenient", r.too_lenient],
    ["too strict", r.too_strict],
  ] as const) {
    if (rows.length) console.log(`  ${title} (surest first):`);
    for (const row of rows.slice(0, 5)) {
      console.log(
        `    judge ${pct(row.judge_pass_rate).padStart(6)} vs people ${pct(row.human_pass_rate).padStart(6)}  ` +
          `adj. p ${row.adjusted_p.toPrecision(2).padStart(7)}  ${row.edit_type ?? `group ${row.group}`}`,
      );
    }
  }
  console.log(`  sampling: ${r.sampling.note}`);
  const worst = r.by_edit_type.filter((row) => row.labelled > 0).slice(0, 5);
  if (worst.length) console.log("  worst edit types:");
  for (const row of worst)
    console.log(`    ${pct(row.error_rate).padStart(6)} wrong of ${String(row.labelled).padStart(4)}  ${row.edit_type}`);
  for (const note of r.notes) console.log(`  note: ${note}`);
}

function printComparison(c: JudgeComparisonReport) {
  console.log(`Judge against judge: ${c.dataset.name}`);
  console.log(`  ${c.sentence}`);
  for (const side of [c.a, c.b]) {
    console.log(
      `  ${side.judge_id}: κ ${fixed(side.kappa)} accuracy ${pct(side.accuracy)} cost/item ${side.cost_per_item_usd === null ? "—" : `$${side.cost_per_item_usd.toFixed(5)}`}`,
    );
  }
  console.log(
    `  McNemar: ${c.mcnemar.a_right_b_wrong} only ${c.a.label} right, ${c.mcnemar.a_wrong_b_right} only ${c.b.label} right, exact p ${c.mcnemar.p.toPrecision(3)}`,
  );
  for (const row of c.by_edit_type.slice(0, 5))
    console.log(`    ${(row.difference * 100).toFixed(0).padStart(4)} pts over ${String(row.items).padStart(4)} items  ${row.edit_type}`);
  for (const note of c.notes) console.log(`  note: ${note}`);
}
