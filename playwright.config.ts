// Playwright against the real app: Debian's Chromium (no browser download here), one worker
// (2 cores), the production build started on a fresh PGlite folder with the demo dataset, and
// the local fake Gemini API when scripts/fake-gemini.ts is present.
// Run it through `npm run test:e2e` (scripts/run-e2e.ts): that finds Chromium, builds once and
// picks the ports and the data folder. Running `npx playwright test` directly also works after a
// `next build`, with the defaults below.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Workers load this file again: values chosen here go into process.env so every load agrees.
process.env.RIPE_E2E_PORT ??= "3107";
process.env.RIPE_E2E_GEMINI_PORT ??= "8797";
process.env.RIPE_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "ripe-e2e-data-"));
process.env.PLAYWRIGHT_CHROMIUM_PATH ??= ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((file) => fs.existsSync(file)) ?? "";

const port = Number(process.env.RIPE_E2E_PORT);
const geminiPort = Number(process.env.RIPE_E2E_GEMINI_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const hasFakeGemini = fs.existsSync(path.join(import.meta.dirname, "scripts/fake-gemini.ts"));
const FAKE_GEMINI_KEY = "test";

/** What the app under test sees: its own data folder, no network for images, the fake judge. */
const appEnv: Record<string, string> = {
  RIPE_DATA_DIR: process.env.RIPE_E2E_DATA_DIR,
  PORT: String(port),
  RIPE_FETCH_FLICKR: "0",
  // Small enough for e2e/security.spec.ts to send one over it.
  RIPE_MAX_UPLOAD_MB: "8",
  // The specs sign in more often than a person would; tests/integration/auth.test.ts tests the limit.
  RIPE_SIGN_IN_ATTEMPTS: "100",
  NEXT_TELEMETRY_DISABLED: "1",
  ...(hasFakeGemini
    ? { GEMINI_BASE_URL: `http://127.0.0.1:${geminiPort}`, GEMINI_API_KEY: FAKE_GEMINI_KEY, GEMINI_MAX_ATTEMPTS: "2" }
    : {}),
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    ["json", { outputFile: ".cache/test-reports/playwright.json" }],
  ],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH || undefined,
      // --no-sandbox: CI runs as root. The network flags stop Chromium's background connections,
      // which this machine's closed network refuses (see the machine notes).
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // First start (creates the owner through the UI) and the accounts the specs sign in as.
    { name: "setup", testMatch: "auth.setup.ts", use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, storageState: ".cache/e2e-auth/owner.json" },
    },
  ],
  webServer: [
    // Hook for judge specs: the fake Gemini API, started only when its script exists.
    ...(hasFakeGemini
      ? [
          {
            command: `node_modules/.bin/tsx scripts/fake-gemini.ts --port ${geminiPort} --api-key ${FAKE_GEMINI_KEY}`,
            url: `http://127.0.0.1:${geminiPort}/health`,
            reuseExistingServer: false,
            timeout: 60_000,
            stdout: "ignore" as const,
            stderr: "pipe" as const,
          },
        ]
      : []),
    {
      // The build is run_e2e's job (once); here: migrate, load the demo dataset, serve.
      command: `node_modules/.bin/tsx --conditions=react-server scripts/prepare.ts && node_modules/.bin/next start -p ${port} -H 127.0.0.1`,
      url: baseURL,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
