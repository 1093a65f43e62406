// Single sign-on in Chromium against a real OpenID Connect provider (oidc-provider, started in
// this process on 127.0.0.1) and a second app instance started here with RIPE_OIDC_* pointing at
// it, on its own data folder: click "Sign in with …", log in at the provider, come back signed in;
// an email with no account (new accounts off) and a disabled account are refused with a message.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startOidcProvider, type TestOidcProvider } from "../lib/testing/oidc-provider";
import { expect, test } from "./fixtures/test";

test.describe.configure({ mode: "serial" });
// Fresh, anonymous browser contexts: not the owner of the main e2e instance.
test.use({ storageState: { cookies: [], origins: [] } });

const TSX = path.join("node_modules", ".bin", "tsx");
let oidc: TestOidcProvider;
let app: ChildProcess;
let appUrl: string;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ripe-e2e-sso-"));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(TSX, ["--conditions=react-server", ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}: ${stderr}`))));
  });
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  oidc = await startOidcProvider({
    redirectUri: `${appUrl}/api/auth/callback/oidc`,
    accounts: [
      { email: "sso-owner@example.org", name: "Owner at the provider" },
      { email: "sso-stranger@example.org", name: "Stranger" },
      { email: "sso-disabled@example.org", name: "Disabled" },
    ],
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RIPE_DATA_DIR: dataDir,
    PORT: String(port),
    RIPE_FETCH_FLICKR: "0",
    RIPE_SKIP_DEMO: "1",
    RIPE_SIGN_IN_ATTEMPTS: "100",
    NEXT_TELEMETRY_DISABLED: "1",
    RIPE_OIDC_ISSUER: oidc.issuer,
    RIPE_OIDC_CLIENT_ID: oidc.clientId,
    RIPE_OIDC_CLIENT_SECRET: oidc.clientSecret,
    RIPE_OIDC_NAME: "Test IdP",
    RIPE_OIDC_NEW_ACCOUNTS: "off",
  };
  await run(["scripts/prepare.ts"], env);
  await run(["scripts/user.ts", "add", "--email", "sso-owner@example.org", "--password", "owner-password-1", "--role", "owner"], env);
  await run(["scripts/user.ts", "add", "--email", "sso-disabled@example.org", "--password", "disabled-password-1"], env);
  await run(["scripts/user.ts", "disable", "--email", "sso-disabled@example.org"], env);
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  app = spawn(process.execPath, [next, "start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: ["ignore", "ignore", "inherit"] });
  await expect
    .poll(async () => (await fetch(`${appUrl}/api/ready`).catch(() => null))?.status ?? 0, { timeout: 90_000, intervals: [300] })
    .toBe(200);
});

test.afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
  }
  await oidc?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function logInAtProvider(page: import("@playwright/test").Page, email: string) {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(page).toHaveURL(new RegExp(`^${oidc.issuer}/interaction/`));
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("signs an existing account in through the provider", async ({ page }) => {
  await logInAtProvider(page, "sso-owner@example.org");
  await expect(page).toHaveURL(`${appUrl}/`);
  const session = await (await page.request.get(`${appUrl}/api/auth/get-session`)).json();
  expect(session.user).toMatchObject({ email: "sso-owner@example.org", role: "owner" });
});

test("refuses an email with no account while new accounts are off", async ({ page }) => {
  await logInAtProvider(page, "sso-stranger@example.org");
  await expect(page).toHaveURL(new RegExp(`^${appUrl}/sign-in\\?error=signup_disabled`));
  // (Next's route announcer is an empty alert too.)
  await expect(page.getByRole("alert").filter({ hasText: /No Ripe account uses this email address/ })).toBeVisible();
  expect(await (await page.request.get(`${appUrl}/api/auth/get-session`)).json()).toBeNull();
});

test("refuses a disabled account", async ({ page }) => {
  await logInAtProvider(page, "sso-disabled@example.org");
  await expect(page).toHaveURL(new RegExp(`^${appUrl}/sign-in\\?error=account_disabled`));
  await expect(page.getByRole("alert").filter({ hasText: /This account is disabled/ })).toBeVisible();
  expect(await (await page.request.get(`${appUrl}/api/auth/get-session`)).json()).toBeNull();
});
