// Runs first (the "setup" project): a fresh server has no account, so every page leads to the
// first-start screen; the owner is created there, only once. Then the owner adds a viewer of the
// demo dataset and an outsider (no role) through the account APIs, and each signs in; their
// browser states are saved for the specs (e2e/fixtures/accounts.ts).
import { expect, test as setup } from "@playwright/test";
import { ACCOUNTS, statePath } from "./fixtures/accounts";

setup("first start: the owner account, then a viewer and an outsider", async ({ browser, baseURL }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const start of ["/", "/import", "/datasets/1/audit", "/sign-in"]) {
    await page.goto(start);
    await expect(page).toHaveURL(/\/setup$/);
  }
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();
  await page.getByLabel("Email").fill(ACCOUNTS.owner.email);
  await page.getByLabel(/^Password \(/).fill(ACCOUNTS.owner.password);
  await page.getByLabel("Password again").fill(ACCOUNTS.owner.password);
  await page.getByRole("button", { name: "Create the owner account" }).click();
  await expect(page.getByTestId("account-menu")).toContainText(ACCOUNTS.owner.email);
  await expect(page.getByTestId("dataset-list")).toBeVisible(); // the demo dataset stays loaded
  const cookies = await context.cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("session_token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await context.storageState({ path: statePath("owner") });

  // Only once: the screen is gone, and its action is refused on the server.
  const anonymous = await browser.newContext();
  const other = await anonymous.newPage();
  await other.goto("/setup");
  await expect(other).toHaveURL(/\/sign-in$/);

  const api = context.request;
  const demo = Number((await page.locator("[data-testid=dataset-card] h2 a").first().getAttribute("href"))!.split("/").pop());
  for (const who of ["viewer", "outsider"] as const) {
    const created = await api.post(`${baseURL}/api/accounts`, { data: { ...ACCOUNTS[who], role: "member" } });
    expect(created.status(), await created.text()).toBe(201);
  }
  const role = await api.put(`${baseURL}/api/datasets/${demo}/members`, { data: { email: ACCOUNTS.viewer.email, role: "viewer" } });
  expect(role.status(), await role.text()).toBe(200);

  // Sign-in: one message for a wrong password and for an account that does not exist.
  await other.getByLabel("Email").fill(ACCOUNTS.viewer.email);
  await other.getByLabel("Password").fill("not-the-password");
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await other.getByLabel("Email").fill("nobody@e2e.test");
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  await other.getByLabel("Password").fill(ACCOUNTS.viewer.password);
  await other.getByLabel("Email").fill(ACCOUNTS.viewer.email);
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByTestId("account-menu")).toContainText(ACCOUNTS.viewer.email);
  await expect(other.getByTestId("dataset-list")).toBeVisible();
  await anonymous.storageState({ path: statePath("viewer") });

  const outsider = await browser.newContext();
  const signedIn = await outsider.request.post(`${baseURL}/api/auth/sign-in/email`, {
    data: { email: ACCOUNTS.outsider.email, password: ACCOUNTS.outsider.password },
    headers: { origin: baseURL! },
  });
  expect(signedIn.status(), await signedIn.text()).toBe(200);
  await outsider.storageState({ path: statePath("outsider") });
  await Promise.all([context.close(), anonymous.close(), outsider.close()]);
});
