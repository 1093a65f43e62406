// npm run migrate-to -- postgres://USER@HOST/DB: copies the embedded database (this data folder)
// to an empty PostgreSQL database, migrated first, and checks every table's row count after.
// Then start the app with DATABASE_URL set to the same URL. The embedded database is left as is.
import { die, flag, parseArgs } from "../lib/cli/args";
import { openForCli } from "../lib/cli/open";
import { openDatabase } from "../lib/db/client";
import { copyDatabase, countRows, isEmptyDatabase } from "../lib/db/queries/transfer";
import { env } from "../lib/env";

const USAGE = "usage: npm run migrate-to -- postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE";
const args = parseArgs(process.argv.slice(2), ["help", "quiet"]);
if (flag(args, "help")) {
  console.log(USAGE);
  process.exit(0);
}
const [url] = args.positional;
if (!url || !/^postgres(ql)?:\/\//.test(url)) die(`give the PostgreSQL URL to copy to\n${USAGE}`);
if (env().DATABASE_URL)
  die("DATABASE_URL is set: this command copies the embedded database (unset DATABASE_URL to name it as the source).");

const source = await openForCli("migrate-to (source)");
if (source.kind !== "pglite") die("the source must be the embedded database");
let target;
try {
  target = await openDatabase({ databaseUrl: url, purpose: "migrate-to (target)" });
} catch (error) {
  die(`cannot open ${url.replace(/\/\/[^@]*@/, "//…@")}: ${(error as Error).message}`);
}
if (!(await isEmptyDatabase(target))) die("the PostgreSQL database already holds datasets: give an empty database.");
const isQuiet = flag(args, "quiet") === "true";
const copied = await copyDatabase(source, target, ({ table, copied: done, total }) => {
  if (!isQuiet) process.stdout.write(`\r${table}: ${done}/${total}        `);
});
if (!isQuiet) process.stdout.write("\n");
const mismatches: string[] = [];
for (const [table, count] of Object.entries(copied)) {
  const expected = await countRows(source, table);
  if (expected !== count) mismatches.push(`${table}: ${expected} in the embedded database, ${count} copied`);
}
await source.close();
await target.close();
if (mismatches.length) die(`the copy is incomplete:\n${mismatches.join("\n")}`);
console.log(
  `Copied ${Object.values(copied).reduce((sum, n) => sum + n, 0)} rows in ${Object.keys(copied).length} tables. Start Ripe on it with DATABASE_URL=${url.replace(/\/\/[^@]*@/, "//…@")}`,
);
