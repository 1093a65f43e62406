// Reviewer agreement on verdicts, end to end: the agreement page shows the same κ and α as
// GET /api/datasets/<id>/agreement for the demo dataset (decisions by ann and ben), and a number
// opens the list of exactly its items, each linking to the item page.
import type { Page } from "@playwright/test";
import type { AgreementJson } from "@/lib/db/queries/agreement";
import { expect, test } from "./fixtures/test";

async function demoDatasetId(page: Page): Promise<number> {
  await page.goto("/");
  const href = await page.locator("[data-testid=dataset-card] h2 a").first().getAttribute("href");
  expect(href).toMatch(/^\/datasets\/\d+$/);
  return Number(href!.split("/").pop());
}

const shown = (value: number | null) => (value === null ? "—" : value.toFixed(3));

test("the agreement page shows the route's κ and α, and each number lists its items", async ({ page, request }) => {
  const datasetId = await demoDatasetId(page);
  const response = await request.get(`/api/datasets/${datasetId}/agreement`);
  expect(response.ok()).toBeTruthy();
  const { verdicts } = (await response.json()) as AgreementJson;
  expect(verdicts.reviewers).toEqual(expect.arrayContaining(["ann", "ben"]));
  expect(verdicts.items).toBeGreaterThan(0);
  expect(verdicts.krippendorff_alpha).not.toBeNull();

  await page.goto(`/datasets/${datasetId}/pairs/agreement`);
  const section = page.getByTestId("verdict-agreement");
  const alpha = section.getByTestId("verdict-alpha");
  await expect(alpha).toHaveText(shown(verdicts.krippendorff_alpha));
  await expect(alpha).toHaveAttribute("data-value", String(verdicts.krippendorff_alpha));
  await expect(section.getByTestId("verdict-fleiss")).toHaveText(shown(verdicts.fleiss_kappa.value));
  await expect(section.getByTestId("verdict-fleiss")).toHaveAttribute("data-value", String(verdicts.fleiss_kappa.value ?? ""));
  await expect(section.getByText(`with exactly ${verdicts.fleiss_kappa.raters} verdicts`)).toBeVisible();
  await expect(section.getByTestId("verdict-items-count")).toHaveText(`${verdicts.items} ${verdicts.items === 1 ? "item" : "items"}`);

  const pairRows = section.getByTestId("verdict-pairwise").locator("tbody tr");
  await expect(pairRows).toHaveCount(verdicts.pairwise.length);
  for (const pair of verdicts.pairwise) {
    const row = section.locator(`tr[data-pair="${pair.a} ${pair.b}"]`);
    await expect(row.getByTestId("pair-kappa")).toHaveText(shown(pair.kappa));
    await expect(row.getByTestId("pair-kappa")).toHaveAttribute("data-value", String(pair.kappa ?? ""));
    await expect(row.getByTestId("pair-kappa-ar")).toHaveText(shown(pair.kappa_accept_reject));
    await expect(row.locator("td").nth(1)).toHaveText(String(pair.n));
    await expect(row.locator("td").nth(2)).toHaveText(
      pair.percent_agreement === null ? "—" : `${(pair.percent_agreement * 100).toFixed(1)}%`,
    );
  }
  const typeRows = section.getByTestId("verdict-by-type").locator("tbody tr");
  await expect(typeRows).toHaveCount(verdicts.by_edit_type.length);
  for (const [index, type] of verdicts.by_edit_type.entries()) {
    await expect(typeRows.nth(index).locator("td").first()).toHaveText(type.edit_type);
    await expect(typeRows.nth(index).getByTestId("type-alpha")).toHaveText(shown(type.krippendorff_alpha));
  }

  // ann · ben's shared items: the list has exactly n rows, each with both verdicts, and the
  // disagreements are the rows whose verdicts differ.
  const annBen = verdicts.pairwise.find((pair) => pair.a === "ann" && pair.b === "ben")!;
  const annBenRow = section.locator('tr[data-pair="ann ben"]');
  await annBenRow.locator("td").nth(1).getByRole("link").click();
  const items = page.getByTestId("verdict-items");
  await expect(items.getByRole("heading")).toHaveText("Items decided by both ann and ben");
  const rows = items.locator("tbody tr");
  await expect(rows).toHaveCount(annBen.n);
  const verdictsOf = async () => {
    const header = (await items.locator("thead th").allTextContents()).map((text) => text.trim());
    const [annColumn, benColumn] = [header.indexOf("ann"), header.indexOf("ben")];
    return (await rows.evaluateAll(
      (trs, [a, b]) => trs.map((tr) => [tr.children[a].textContent, tr.children[b].textContent]),
      [annColumn, benColumn],
    )) as [string, string][];
  };
  const shared = await verdictsOf();
  for (const [a, b] of shared) for (const verdict of [a, b]) expect(["accept", "reject", "unsure"]).toContain(verdict);
  const agreeing = shared.filter(([a, b]) => a === b).length;
  expect(agreeing / annBen.n).toBeCloseTo(annBen.percent_agreement!, 12);

  const disagreeing = annBen.n - agreeing;
  if (disagreeing > 0) {
    await annBenRow.locator("td").nth(5).getByRole("link").click();
    await expect(items.getByRole("heading")).toHaveText("Items ann and ben decided differently");
    await expect(rows).toHaveCount(disagreeing);
    for (const [a, b] of await verdictsOf()) expect(a).not.toBe(b);
  }
  // An item in the list opens the item page.
  const first = rows.first().getByRole("link");
  const itemHref = await first.getAttribute("href");
  expect(itemHref).toMatch(new RegExp(`^/datasets/${datasetId}/items/\\d+$`));
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${itemHref}$`));
});

test("the agreement route refuses a malformed or unknown dataset id", async ({ request }) => {
  const bad = await request.get("/api/datasets/abc/agreement");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ field: "datasetId" });
  expect((await request.get("/api/datasets/999999/agreement")).status()).toBe(404);
});
