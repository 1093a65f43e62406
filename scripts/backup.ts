// npm run backup -- --out FILE: a consistent copy of the embedded database (a gzipped tar of the
// PGlite data folder). PGlite serves one process: while the app runs, this refuses and says to
// stop it (the app holds the folder). A PostgreSQL deployment is backed up with pg_dump (README).
import fs from "node:fs";
import path from "node:path";
import { die, flag, parseArgs } from "../lib/cli/args";
import { openForCli } from "../lib/cli/open";
import { countDatasets } from "../lib/db/queries/datasets";
import { dataDir, env } from "../lib/env";

const USAGE = "usage: npm run backup -- --out FILE";
const args = parseArgs(process.argv.slice(2), ["help"]);
if (flag(args, "help")) {
  console.log(USAGE);
  process.exit(0);
}
const out = flag(args, "out");
if (!out) die(`--out is required\n${USAGE}`);
if (env().DATABASE_URL) die("DATABASE_URL points at a PostgreSQL server: back it up with pg_dump (see the README), not with this command.");
if (fs.existsSync(out)) die(`${out} exists already; choose a new file name.`);

const handle = await openForCli("backup");
const datasets = await countDatasets(handle);
const backup = await handle.dumpDataDir!();
await handle.close();
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
fs.writeFileSync(out, Buffer.from(await backup.arrayBuffer()));
console.log(
  `Backed up ${dataDir()} (${datasets} dataset${datasets === 1 ? "" : "s"}) to ${out}: ${(fs.statSync(out).size / 1e6).toFixed(1)} MB. Restore with: npm run restore -- ${out}`,
);
