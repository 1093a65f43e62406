// Whether the production build in .next is older than the sources that go into it, and building
// it: shared by the e2e runner and the benchmarks that start the built app.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "drizzle",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

/** Newest modification time under the paths that go into `next build` (tests excluded). */
function newestSource(paths: string[]): number {
  let newest = 0;
  const visit = (entry: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(entry);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry)) if (!child.startsWith(".") && child !== "node_modules") visit(path.join(entry, child));
    } else if (!/\.test\.tsx?$/.test(entry)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

/** Why the build must be (re)made, or null when it is current. `mode` comes from RIPE_E2E_BUILD. */
export function buildNeeded(root: string, mode = process.env.RIPE_E2E_BUILD): string | null {
  if (mode === "always") return "RIPE_E2E_BUILD=always";
  if (mode === "never") return null;
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return "no build yet";
  return newestSource(BUILD_INPUTS.map((entry) => path.join(root, entry))) > fs.statSync(buildId).mtimeMs
    ? "sources changed since the last build"
    : null;
}

/** Runs `next build` in root; its output goes to this process's stderr. Throws when it fails. */
export function buildApp(root: string) {
  execFileSync(path.join(root, "node_modules/.bin/next"), ["build"], {
    stdio: ["ignore", process.stderr, "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
}
