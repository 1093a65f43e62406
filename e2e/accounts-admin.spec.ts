// API tokens, invites and the admin log in a real browser against the built app: the owner
// creates a token on /settings/tokens (shown once) and a script uses it as a Bearer token (the
// proxy lets it through, the route wrapper resolves it); revoked, it is refused. The owner
// invites a reviewer by link from the dataset's Members panel; the invitee, in a browser with
// no session, sets a password and lands in the dataset; the link then works no more; the
// accounts page shows both in the admin log, newest first.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";

const SHOTS = process.env.RIPE_SHOTS_DIR;

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function demoId(page: Page): Promise<number> {
  await page.goto("/");
  const href = await page.locator('a[href^="/datasets/"]').first().getAttribute("href");
  return Number(/\/datasets\/(\d+)/.exec(href!)![1]);
}

test("an API token is shown once, works as a Bearer token on /api, and stops when revoked", async ({ page, appUrl, playwright }) => {
  const demo = await demoId(page);
  await page.goto("/settings/tokens");
  await page.getByTestId("token-name").fill("e2e export script");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = (await page.getByTestId("token-secret").textContent())!.trim();
  expect(secret).toMatch(/^ripe_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("token-row").filter({ hasText: "e2e export script" })).toContainText("never");
  await shot(page, "settings-tokens");

  // A script: no cookie, only the token.
  const script = await playwright.request.newContext({ baseURL: appUrl, storageState: { cookies: [], origins: [] } });
  const audit = await script.get(`/api/datasets/${demo}/audit`, { headers: { authorization: `Bearer ${secret}` }, maxRedirects: 0 });
  expect(audit.status()).toBe(200);
  expect((await script.get(`/api/datasets/${demo}/audit`, { maxRedirects: 0 })).status()).toBe(401);

  await page.reload();
  const row = page.getByTestId("token-row").filter({ hasText: "e2e export script" });
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  const afterRevoke = await script.get(`/api/datasets/${demo}/audit`, { headers: { authorization: `Bearer ${secret}` }, maxRedirects: 0 });
  expect(afterRevoke.status()).toBe(401);
  // The page never shows the secret again.
  expect(await page.content()).not.toContain(secret);
  await script.dispose();
});

test("an invite link makes an account with the dataset role, once; the admin log records it", async ({ page, browser }) => {
  const demo = await demoId(page);
  await page.goto(`/datasets/${demo}/settings`);
  const panel = page.getByTestId("members-panel");
  await panel.getByTestId("invite-email").fill("invited@e2e.test");
  await panel.getByLabel("Role", { exact: true }).selectOption("reviewer");
  await panel.getByRole("button", { name: "Invite by link" }).click();
  const link = (await panel.getByTestId("invite-link").textContent())!.trim();
  expect(link).toMatch(/\/invite\/ripe_/);
  await expect(panel).toContainText("invited@e2e.test · Reviewer · open until");
  await shot(page, "dataset-members");

  const stranger = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 1280, height: 800 } });
  const invitee = await stranger.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: /Join/ })).toBeVisible();
  await shot(invitee, "invite-accept");
  await invitee.getByTestId("invite-name").fill("Invited Reviewer");
  await invitee.getByTestId("invite-password").fill("invited-password-1");
  await invitee.getByTestId("invite-confirm").fill("invited-password-1");
  await invitee.getByRole("button", { name: "Create my account" }).click();
  await invitee.waitForURL(new RegExp(`/datasets/${demo}$`));
  await expect(invitee.getByTestId("account-menu")).toContainText("invited@e2e.test");
  // The link works once.
  const again = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const second = await again.newPage();
  await second.goto(link);
  await expect(second.getByRole("heading", { name: "This invite can't be used" })).toBeVisible();
  await again.close();
  await stranger.close();

  await page.reload();
  await expect(panel.getByTestId("member-row").filter({ hasText: "invited@e2e.test" }).getByRole("combobox")).toHaveValue("reviewer");
  await page.goto("/settings/accounts");
  const log = page.getByTestId("admin-log");
  await expect(log.locator("tbody tr").first()).toContainText("invite.accept");
  await expect(log).toContainText("invite.create");
  await expect(page.getByTestId("account-row").filter({ hasText: "invited@e2e.test" })).toContainText("Reviewer");
  await shot(page, "settings-accounts");
});
