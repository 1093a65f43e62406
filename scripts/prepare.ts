// Runs before the server starts: applies migrations and, when the database holds no dataset,
// loads the demo dataset through the real importer.
import { openForCli } from "../lib/cli/open";
import { countDatasets } from "../lib/db/queries/datasets";
import { EnvError, parseEnv } from "../lib/env";
import { loadDemo } from "../lib/import/load-demo";

let settings;
try {
  settings = parseEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const handle = await openForCli("startup (migrate + demo)");
console.log(`Database: ${handle.describe} (migrated)`);
if ((await countDatasets(handle)) === 0 && !settings.RIPE_SKIP_DEMO) {
  const reports = await loadDemo(handle);
  for (const report of reports) {
    console.log(`demo: ${report.file}: ${report.imported} imported, ${report.bad} bad`);
    for (const error of report.errors) console.error(`  ${error}`);
  }
}
await handle.close();
if (!["127.0.0.1", "localhost", "::1"].includes(settings.HOST)) {
  console.log(
    `Serving on ${settings.HOST}:${settings.PORT}: every machine that can reach it can use Ripe. Put it behind https (README: "Serving a team").`,
  );
  if (!settings.RIPE_PUBLIC_URL && settings.RIPE_ALLOWED_HOSTS.length === 0) {
    console.log(
      "Note: set RIPE_PUBLIC_URL (the address people type) or RIPE_ALLOWED_HOSTS, or requests by any other host name are refused.",
    );
  }
}
