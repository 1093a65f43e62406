// Runs before the server starts: applies migrations and, when the database holds no dataset,
// loads the demo dataset through the real importer.
import { openForCli } from "../lib/cli/open";
import { loadDemo } from "../lib/import/load-demo";

const handle = await openForCli("startup (migrate + demo)");
console.log(`Database: ${handle.describe} (migrated)`);
const [{ count }] = await handle.query<{ count: string | number }>("SELECT count(*) AS count FROM datasets");
if (Number(count) === 0 && process.env.RIPE_SKIP_DEMO !== "1") {
  const reports = await loadDemo(handle);
  for (const report of reports) {
    console.log(`demo: ${report.file}: ${report.imported} imported, ${report.bad} bad`);
    for (const error of report.errors) console.error(`  ${error}`);
  }
}
await handle.close();
