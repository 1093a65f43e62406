// Every page at a desktop (1440×900) and a tablet (1024×768) size: a title of its own, one main
// landmark, nothing wider than the window, no text drawn over other text, every image loaded or
// replaced by a placeholder that says why, and no serious or critical axe-core violations.
// Then keyboard-only review and pair labelling with a visible focus ring, the review buttons
// showing this reviewer's decision after a reload, and the branded 404 pages.
// Screenshots of each page go to RIPE_SCREENS_DIR (default test-results/pages).
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expectImagesSettled, hasVisibleFocus, horizontalOverflow, overlappingText, seriousAxeViolations } from "./fixtures/page-checks";
import { expect, test } from "./fixtures/test";

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
] as const;
const SCREENS = process.env.RIPE_SCREENS_DIR ?? path.join("test-results", "pages");

// A dataset uploaded without a base: its relative paths cannot load ("no base"), its Flickr
// sources are not an allowed source ("refused"). What a new user sees before setting a base.
const NO_BASE_NAME = "e2e-no-base";
const NO_BASE_LINES = [
  {
    open_image_input_url: "https://farm1.staticflickr.com/1/missing_o.jpg",
    text: "Turn the sky a deep sunset orange, keeping the buildings.",
    output_image: "images/positive-edit/9001.png",
    edit_type: "Change overall color tone (warm ↔ cool)",
    summarized_text: "Sunset sky.",
  },
  {
    open_image_input_url: "sources/nowhere.jpg",
    text: "Add a small red boat on the lake near the shore.",
    output_image: "images/positive-edit/9002.png",
    edit_type: "Add a new object to the scene",
    summarized_text: "Add a red boat.",
  },
];

async function datasetIdByName(page: Page, name: string): Promise<number | null> {
  await page.goto("/");
  const link = page.locator("[data-testid=dataset-card] h2 a", { hasText: new RegExp(`^${name}$`) });
  if ((await link.count()) === 0) return null;
  return Number((await link.first().getAttribute("href"))!.split("/").pop());
}

async function importNoBaseDataset(request: APIRequestContext, appUrl: string): Promise<void> {
  const body = NO_BASE_LINES.map((line) => JSON.stringify(line)).join("\n") + "\n";
  const started = await request.post(`${appUrl}/api/imports?newDataset=${NO_BASE_NAME}&name=sft.jsonl`, {
    data: body,
    headers: { "content-type": "application/x-ndjson", origin: appUrl },
  });
  expect(started.status(), await started.text()).toBe(202);
  const job = (await started.json()) as { id: string };
  await expect
    .poll(async () => ((await (await request.get(`${appUrl}/api/imports/${job.id}`)).json()) as { phase: string }).phase, {
      timeout: 30_000,
    })
    .toBe("done");
}

type PageCase = { name: string; url: string; status?: number };

async function pageCases(page: Page, request: APIRequestContext, appUrl: string): Promise<PageCase[]> {
  const demo = await datasetIdByName(page, "demo-real-photos");
  expect(demo, "the demo dataset is listed on the home page").not.toBeNull();
  let noBase = await datasetIdByName(page, NO_BASE_NAME);
  if (noBase === null) {
    await importNoBaseDataset(request, appUrl);
    noBase = await datasetIdByName(page, NO_BASE_NAME);
  }
  await page.goto(`/datasets/${demo}`);
  const itemId = await page.getByTestId("candidate-card").first().getAttribute("data-candidate-id");
  const base = `/datasets/${demo}`;
  // An audit sample to walk: the first listed, or a new one drawn with the form's defaults.
  await page.goto(`${base}/queue`);
  const listed = page.getByTestId("sample-list").getByRole("link").first();
  let samplePath: string;
  if ((await listed.count()) > 0) {
    samplePath = new URL((await listed.getAttribute("href"))!, appUrl).pathname;
  } else {
    await page.getByRole("button", { name: "Draw sample and start" }).click();
    await page.waitForURL(/\/queue\/sample\/\d+/);
    samplePath = new URL(page.url()).pathname;
  }
  return [
    { name: "home", url: "/" },
    { name: "import", url: "/import" },
    { name: "browse", url: base },
    { name: "item", url: `${base}/items/${itemId}` },
    { name: "queue", url: `${base}/queue` },
    { name: "queue-walk", url: `${base}/queue/walk` },
    { name: "queue-assigned", url: `${base}/queue/assigned` },
    { name: "assignments", url: `${base}/assignments` },
    { name: "adjudication", url: `${base}/adjudication` },
    { name: "pairs", url: `${base}/pairs` },
    { name: "pairs-label", url: `${base}/pairs/label` },
    { name: "pairs-agreement", url: `${base}/pairs/agreement` },
    { name: "judge", url: `${base}/judge` },
    { name: "audit", url: `${base}/audit` },
    { name: "audit-compare", url: `${base}/audit/compare` },
    { name: "queue-sample", url: samplePath },
    { name: "export", url: `${base}/export` },
    { name: "settings", url: `${base}/settings` },
    { name: "browse-no-base", url: `/datasets/${noBase}` },
    { name: "missing-dataset", url: "/datasets/99999", status: 404 },
    { name: "invalid-dataset", url: "/datasets/abc", status: 404 },
    { name: "missing-item", url: `${base}/items/99999999`, status: 404 },
  ];
}

for (const size of SIZES) {
  test(`every page at ${size.width}×${size.height}: title, landmark, no overflow or overlapping text, images settled, axe`, async ({
    page,
    request,
    appUrl,
  }) => {
    test.setTimeout(240_000);
    fs.mkdirSync(SCREENS, { recursive: true });
    const cases = await pageCases(page, request, appUrl);
    await page.setViewportSize(size);
    const titles = new Map<string, string>();
    const problems: string[] = [];
    for (const entry of cases) {
      const response = await page.goto(entry.url);
      expect(response?.status(), `${entry.url} answers ${entry.status ?? 200}`).toBe(entry.status ?? 200);
      await page.waitForLoadState("networkidle");
      await expectImagesSettled(page);
      const title = await page.title();
      expect(title, `${entry.url} has a title ending in "· Ripe"`).toMatch(/ · Ripe$/);
      if (!entry.status) {
        expect([...titles.values()], `${entry.url}'s title "${title}" is its own`).not.toContain(title);
        titles.set(entry.name, title);
      }
      await expect(page.locator("main"), `${entry.url} has one main landmark`).toHaveCount(1);
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`${entry.url}: ${overflow}px wider than the window`);
      for (const [a, b] of (await overlappingText(page)).slice(0, 5)) {
        problems.push(
          `${entry.url}: text "${a.text}" (${Math.round(a.x)},${Math.round(a.y)}) overlaps "${b.text}" (${Math.round(b.x)},${Math.round(b.y)})`,
        );
      }
      for (const violation of await seriousAxeViolations(page)) problems.push(`${entry.url}: ${violation}`);
      await page.screenshot({ path: path.join(SCREENS, `${entry.name}-${size.width}x${size.height}.png`) });
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

test("images that cannot load say why, on cards and on the dataset page", async ({ page, request, appUrl }) => {
  await pageCases(page, request, appUrl); // makes sure the no-base dataset exists
  const id = await datasetIdByName(page, NO_BASE_NAME);
  await page.goto(`/datasets/${id}`);
  const placeholders = page.getByTestId("image-placeholder");
  await expect(placeholders).toHaveCount(2 * NO_BASE_LINES.length);
  await expect(page.locator('[data-testid=image-placeholder][data-reason="no-base"]').first()).toContainText("No base set");
  await expect(page.locator('[data-testid=image-placeholder][data-reason="refused"]').first()).toContainText("Path refused");
  // The dataset page counts them (a bounded sample) and links to the items.
  const note = page.getByTestId("image-health");
  await expect(page.getByTestId("unloadable-count")).toHaveText(String(2 * NO_BASE_LINES.length));
  await note.locator("summary").click();
  await note
    .getByRole("link", { name: /Item #\d+/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/items\/\d+/);
  await expect(page.locator("[data-image-status=missing]").first()).toContainText(/No base set|Path refused/);
});

test("not-found pages are branded and say what was missing", async ({ page }) => {
  await page.goto("/datasets/99999");
  await expect(page.getByTestId("not-found-title")).toHaveText("No dataset 99999");
  await expect(page.getByRole("link", { name: "Ripe" })).toBeVisible();
  await page.goto("/datasets/abc");
  await expect(page.getByTestId("not-found-title")).toHaveText("“abc” is not a dataset id");
  await page.getByRole("link", { name: "All datasets" }).click();
  await expect(page.getByRole("heading", { name: "Datasets", level: 1 })).toBeVisible();
});

test("keyboard only: review with a visible focus ring, and after a reload the buttons show your decision and undo works", async ({
  page,
}) => {
  const demo = await datasetIdByName(page, "demo-real-photos");
  // An item nobody has reviewed, so the decision shown is this test's.
  await page.goto(`/datasets/${demo}?human=none`);
  const itemId = await page.getByTestId("candidate-card").first().getAttribute("data-candidate-id");
  await page.goto(`/datasets/${demo}/items/${itemId}`);
  await expect(page.getByTestId("review-workspace")).toHaveAttribute("data-candidate-id", itemId!);
  await page.keyboard.press("Tab");
  expect(await hasVisibleFocus(page), "the first Tab stop shows a focus ring").toBe(true);
  await page.keyboard.press("Tab");
  expect(await hasVisibleFocus(page)).toBe(true);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // keys act on the page, not a focused button
  await page.keyboard.press("a");
  await expect(page.getByTestId("all-saved")).toBeVisible();

  await page.goto(`/datasets/${demo}/items/${itemId}`);
  await expect(page.getByTestId("decide-accept")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("decide-reject")).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("undo")).toBeEnabled();
  await page.keyboard.press("z");
  await expect(page.getByTestId("last-action")).toContainText(`on item #${itemId}`);
  await expect(page.getByTestId("decide-accept")).toHaveAttribute("aria-pressed", "false");
  await page.reload();
  await expect(page.getByTestId("decision-summary")).toContainText("not decided by you");
});

test("keyboard only: pair labelling with a visible focus ring", async ({ page }) => {
  const demo = await datasetIdByName(page, "demo-real-photos");
  await page.goto(`/datasets/${demo}/pairs/label`);
  const labeller = page.getByTestId("pair-labeller");
  await expect(labeller).toHaveAttribute("data-pair-id", /\d+/);
  await page.keyboard.press("Tab");
  expect(await hasVisibleFocus(page)).toBe(true);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const first = await labeller.getAttribute("data-pair-id");
  await page.keyboard.press("t");
  await expect(labeller).toHaveAttribute("data-labelled-count", "1");
  await expect(labeller).not.toHaveAttribute("data-pair-id", first!);
  await page.keyboard.press("z"); // leave the queue as the pairs spec expects it
  await expect(labeller).toHaveAttribute("data-labelled-count", "0");
  await expect(page.getByTestId("label-message")).toContainText(/Undid/);
});
