// Browse by category and review: pick a group and an edit type in the sidebar, filter by URL,
// open an item, switch every compare mode (read from window.Konva.stages), zoom, decide with the
// keyboard, undo, see it in history, and see the decision in the export.
import { expect, test } from "./fixtures/test";

const STAGE = "compare-stage";

async function demoDatasetPath(page: import("@playwright/test").Page): Promise<string> {
  await page.goto("/");
  const href = await page.locator("[data-testid=dataset-card] h2 a").first().getAttribute("href");
  expect(href).toMatch(/^\/datasets\/\d+$/);
  return href!;
}

test("sidebar: a group, then an edit type, filters the grid and the URL", async ({ page }) => {
  const datasetPath = await demoDatasetPath(page);
  await page.goto(datasetPath);
  await page.getByTestId("group-link").filter({ hasText: "Stylistic" }).click();
  await expect(page).toHaveURL(/group=Stylistic/);
  await page.getByTestId("type-link").filter({ hasText: "Photo to cartoon/sketch/comic" }).click();
  await expect(page).toHaveURL(/type=Photo\+to\+cartoon/);
  const cards = page.getByTestId("candidate-card");
  await expect(cards.first()).toBeVisible();
  for (const text of await cards.locator("span[title]").first().allTextContents()) expect(text).toContain("Photo to cartoon");
  // Back returns to the group filter.
  await page.goBack();
  await expect(page).toHaveURL(/group=Stylistic(?!.*type=)/);
});

test("filters in the URL: shared links open the same view", async ({ page }) => {
  const datasetPath = await demoDatasetPath(page);
  await page.goto(`${datasetPath}?judge=fail&sort=score_asc`);
  await expect(page.getByLabel("Judge verdict")).toHaveValue("fail");
  await expect(page.getByLabel("Sort")).toHaveValue("score_asc");
  const count = Number((await page.getByTestId("match-count").textContent())!.replace(/\D/g, ""));
  expect(count).toBeGreaterThan(0);
  const badges = page
    .getByTestId("candidate-card")
    .first()
    .getByText(/judge\s*fail/);
  await expect(badges).toBeVisible();
  // Text search in both instructions.
  await page.getByLabel("Search instructions").fill("penguin");
  await expect(page).toHaveURL(/q=penguin/);
});

test("review an item: compare modes, zoom, keyboard decision, undo, history, export", async ({ page, konva, request }) => {
  const datasetPath = await demoDatasetPath(page);
  const datasetId = datasetPath.split("/").pop();
  // An SFT output that currently passes and has no other candidates: rejecting it drops the row.
  await page.goto(`${datasetPath}?eff=pass&pair=0&mt=0&sort=score_desc`);
  await page.getByTestId("candidate-card").first().click();
  const workspace = page.getByTestId("review-workspace");
  await expect(workspace).toBeVisible();
  const candidateId = await workspace.getAttribute("data-candidate-id");
  const imagePath = (await workspace.getAttribute("data-image-path"))!;
  await konva.waitForStage(STAGE);
  await konva.expectStageAttr(STAGE, "leftStatus", "loaded");
  await konva.expectStageAttr(STAGE, "rightStatus", "loaded");

  for (const [key, mode] of [
    ["2", "swipe"],
    ["3", "onion"],
    ["4", "difference"],
    ["5", "blink"],
    ["1", "side-by-side"],
  ] as const) {
    await page.keyboard.press(key);
    await konva.expectStageAttr(STAGE, "compareMode", mode);
  }
  await page.keyboard.press("0");
  const fitZoom = Number(await konva.stageAttr(STAGE, "zoom"));
  await page.keyboard.press("+");
  await page.keyboard.press("+");
  await expect.poll(async () => Number(await konva.stageAttr(STAGE, "zoom"))).toBeGreaterThan(fitZoom);
  await page.keyboard.press("0");
  await expect.poll(async () => Number(await konva.stageAttr(STAGE, "zoom"))).toBeCloseTo(fitZoom, 5);

  // Reject with a reason: the next item opens at once (auto-advance), the save happens behind.
  await page.getByRole("button", { name: "Artifacts" }).click();
  await page.keyboard.press("r");
  await expect(workspace).not.toHaveAttribute("data-candidate-id", candidateId!);
  await expect(page.getByTestId("all-saved")).toBeVisible();
  await page.keyboard.press("k");
  await expect(workspace).toHaveAttribute("data-candidate-id", candidateId!);
  const history = page.getByTestId("history-entry");
  await expect(history.first()).toContainText("rejected");
  await expect(history.first()).toContainText("Artifacts");

  // Undo (z) appends an undo row; the decision stays visible in history, marked undone.
  await page.keyboard.press("z");
  await expect(page.getByTestId("last-action")).toContainText("Undid");
  await expect(history.first()).toContainText("undid decision");
  await expect(page.getByTestId("instructions-panel")).toContainText("Human");

  // Decide again and find the decision applied in the export.
  await page.getByTestId("auto-advance").uncheck();
  await page.keyboard.press("r");
  await expect(page.getByTestId("all-saved")).toBeVisible();
  await expect(history.first()).toContainText("rejected");
  const sft = await (await request.get(`/api/export/${datasetId}/sft.jsonl`)).text();
  expect(sft).not.toContain(`"output_image": "${imagePath}"`);
  const manifest = await (await request.get(`/api/export/${datasetId}/manifest.json`)).json();
  expect(manifest.rows_dropped_by_human_decisions).toBeGreaterThanOrEqual(1);
});

test("? opens the shortcut help from the one keymap table", async ({ page }) => {
  const datasetPath = await demoDatasetPath(page);
  await page.goto(datasetPath);
  await page.getByTestId("candidate-card").first().click();
  await expect(page.getByTestId("review-workspace")).toBeVisible();
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Accept");
  await expect(dialog).toContainText("Onion skin");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
