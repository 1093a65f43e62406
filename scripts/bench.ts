// npm run bench -- import --rows N | browse --rows N | ui | load [--reviewers N --seconds S --instances K] | growth [--sizes 100k,400k,1.6m]
// Each prints progress to stderr and, as its LAST line on stdout, one JSON object of results.
import { die, parseArgs, type ParsedArgs } from "../lib/cli/args";

const args = parseArgs(process.argv.slice(2), ["keep"]);
const [which] = args.positional;
const benches: Record<string, () => Promise<{ run(args: ParsedArgs): Promise<Record<string, unknown>> }>> = {
  import: () => import("../lib/bench/import-bench"),
  browse: () => import("../lib/bench/browse-bench"),
  ui: () => import("../lib/bench/ui-bench"),
  load: () => import("../lib/bench/load-bench"),
  growth: () => import("../lib/bench/growth-bench"),
};
if (!which || !benches[which]) die(`usage: npm run bench -- ${Object.keys(benches).join("|")} [--rows N]`);
const result = await (await benches[which]()).run(args);
console.log(JSON.stringify(result));
process.exit(0);
