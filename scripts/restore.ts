// npm run restore -- FILE [--force]: puts a backup made by `npm run backup` in place as the
// embedded database. Refuses while the app runs (it holds the folder) and when the data folder
// already holds a database, unless --force, which moves that one aside first (nothing is deleted).
import fs from "node:fs";
import { die, flag, parseArgs } from "../lib/cli/args";
import { assertFolderFree, DataFolderBusyError, openFromBackup, pgliteFolder } from "../lib/db/client";
import { countDatasets } from "../lib/db/queries/datasets";
import { dataDir, env } from "../lib/env";

const USAGE = "usage: npm run restore -- FILE [--force]";
const args = parseArgs(process.argv.slice(2), ["force", "help"]);
if (flag(args, "help")) {
  console.log(USAGE);
  process.exit(0);
}
const [file] = args.positional;
if (!file) die(`give the backup FILE\n${USAGE}`);
if (!fs.existsSync(file)) die(`${file}: no such file`);
if (env().DATABASE_URL) die("DATABASE_URL points at a PostgreSQL server: restore it with pg_restore or psql (see the README).");

const folder = pgliteFolder(dataDir());
if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0) {
  if (flag(args, "force") !== "true")
    die(
      `${folder} already holds a database. Stop the app, then run again with --force to move it aside (to ${folder}.before-restore-…) and restore.`,
    );
  try {
    assertFolderFree(dataDir(), "restore");
  } catch (error) {
    if (error instanceof DataFolderBusyError) die(error.message);
    throw error;
  }
  const aside = `${folder}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  fs.renameSync(folder, aside);
  console.log(`Moved the current database aside to ${aside}`);
}

let handle;
try {
  handle = await openFromBackup(dataDir(), new Blob([fs.readFileSync(file)]), "restore");
} catch (error) {
  if (error instanceof DataFolderBusyError) die(error.message);
  throw error;
}
const datasets = await countDatasets(handle);
await handle.close();
console.log(`Restored ${file} into ${dataDir()}: ${datasets} dataset${datasets === 1 ? "" : "s"}.`);
