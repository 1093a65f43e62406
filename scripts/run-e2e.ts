// npm run test:e2e [-- PLAYWRIGHT ARGS]: finds Debian's Chromium (Playwright cannot download its
// own browser here), builds the app once when the build is missing or older than the sources,
// then runs Playwright, whose webServer migrates a fresh temp data folder, loads the demo
// dataset and starts `next start` on a free port (playwright.config.ts).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { buildApp, buildNeeded } from "../lib/cli/next-build";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

const CHROMIUM_HELP = [
  "No Chromium found for the end-to-end tests (Playwright cannot download its own browser here).",
  "Install Debian's package:      apt-get install -y chromium",
  "or point at a Chromium binary: PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium npm run test:e2e",
].join("\n");

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findChromium(): string | null {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    console.error(`PLAYWRIGHT_CHROMIUM_PATH=${fromEnv} is not an executable file.`);
    return null;
  }
  for (const name of ["chromium", "chromium-browser"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
    if (found && isExecutable(found)) return found;
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(isExecutable) ?? null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const chromium = findChromium();
if (!chromium) {
  console.error(CHROMIUM_HELP);
  process.exit(1);
}
const version = spawnSync(chromium, ["--version"], { encoding: "utf8" }).stdout.trim();
console.log(`e2e: Chromium ${chromium}${version ? ` (${version})` : ""}`);

const reason = buildNeeded(root);
if (reason) {
  console.log(`e2e: next build (${reason})…`);
  const started = Date.now();
  try {
    buildApp(root);
  } catch {
    console.error("e2e: next build failed (see above).");
    process.exit(1);
  }
  console.log(`e2e: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} else {
  console.log("e2e: the build in .next is up to date (RIPE_E2E_BUILD=always rebuilds)");
}

// A fresh data folder outside the project tree (Tailwind scans the tree), removed afterwards.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-e2e-data-"));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PLAYWRIGHT_CHROMIUM_PATH: chromium,
  RIPE_E2E_DATA_DIR: dataDir,
  RIPE_E2E_PORT: process.env.RIPE_E2E_PORT ?? String(await freePort()),
  RIPE_E2E_GEMINI_PORT: process.env.RIPE_E2E_GEMINI_PORT ?? String(await freePort()),
  NEXT_TELEMETRY_DISABLED: "1",
};
delete env.DATABASE_URL; // the app under test runs on its own PGlite folder

const child = spawn(path.join(root, "node_modules/.bin/playwright"), ["test", ...process.argv.slice(2)], { stdio: "inherit", env });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
child.on("close", (code, signal) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 0));
});
