// Team work end to end, two reviewers in separate browser contexts: an admin draws an audit
// sample and assigns it with overlap 2; each reviewer walks "Assigned to you" in their own
// context and never receives the other's verdict on an item before deciding it; the agreement
// page shows the route's κ; the admin adjudicates the disagreement and the export follows.
// The owner (the e2e setup's) creates both reviewer accounts; each signs in through the sign-in page.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import type { AgreementJson } from "@/lib/db/queries/agreement";
import { expect, test } from "./fixtures/test";

const SAMPLE_SIZE = 6;
const RITA = "rita@e2e.test";
const REMY = "remy@e2e.test";
const SHOTS = process.env.RIPE_SHOTS_DIR;

/** A reviewer account (created by the owner, reviewer on the dataset) signed in through the sign-in page in its own context. */
async function reviewerContext(browser: Browser, owner: APIRequestContext, email: string, datasetId: number): Promise<Page> {
  const password = `${email}-password`;
  const created = await owner.post("/api/accounts", { data: { email, password, role: "member" } });
  expect(created.status(), await created.text()).toBe(201);
  const role = await owner.put(`/api/datasets/${datasetId}/members`, { data: { email, role: "reviewer" } });
  expect(role.status(), await role.text()).toBe(200);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-menu")).toContainText(email);
  await page.goto(`/datasets/${datasetId}`); // the reviewer row is made on first need; the assignment form lists it
  return page;
}

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Walks the reviewer's assigned items, deciding each with `choose`; returns (candidate id, image path) in walk order. */
async function walkAssigned(page: Page, me: string, datasetId: number, choose: (candidateId: number, imagePath: string) => "a" | "r") {
  await page.goto(`/datasets/${datasetId}/queue`);
  await expect(page.getByTestId("assigned-queue")).toContainText(`${SAMPLE_SIZE} open items`);
  await shot(page, `queue-${me}`);
  await page.getByTestId("assigned-start").click();
  const workspace = page.getByTestId("review-workspace");
  await expect(workspace).toBeVisible();
  const seen: { candidateId: number; imagePath: string }[] = [];
  for (let index = 0; index < SAMPLE_SIZE; index++) {
    const candidateId = Number(await workspace.getAttribute("data-candidate-id"));
    const imagePath = (await workspace.getAttribute("data-image-path"))!;
    seen.push({ candidateId, imagePath });
    // No anchoring: before deciding, this reviewer's item data holds no colleague's decision.
    const item = await (await page.request.get(`/api/datasets/${datasetId}/items/${candidateId}`)).json();
    expect((item.reviews as { reviewer: string }[]).filter((review) => review.reviewer !== me)).toEqual([]);
    await page.keyboard.press(choose(candidateId, imagePath));
    if (index < SAMPLE_SIZE - 1) await expect(workspace).not.toHaveAttribute("data-candidate-id", String(candidateId));
  }
  await expect(page.getByTestId("all-saved")).toBeVisible();
  return seen;
}

test("assign an audit sample with overlap 2, decide in two contexts, adjudicate, export", async ({ page: lead, request }) => {
  test.setTimeout(240_000);
  await lead.goto("/");
  const href = await lead.locator("[data-testid=dataset-card] h2 a").first().getAttribute("href");
  const datasetId = Number(href!.split("/").pop());
  const rita = await reviewerContext(lead.context().browser()!, request, RITA, datasetId);
  const remy = await reviewerContext(lead.context().browser()!, request, REMY, datasetId);

  // The lead draws a sample and assigns it to both reviewers with overlap 2.
  await lead.goto(`/datasets/${datasetId}/queue`);
  const sampleForm = lead.getByTestId("sample-form");
  await sampleForm.locator("select").selectOption("uniform");
  await sampleForm.locator('input[type="number"]').first().fill(String(SAMPLE_SIZE));
  await sampleForm.getByRole("button").click();
  await expect(lead.getByTestId("review-workspace")).toBeVisible();
  await lead.goto(`/datasets/${datasetId}/assignments`);
  const form = lead.getByTestId("assignment-form");
  const sampleOption = form.getByTestId("assignment-source").locator("option", { hasText: "Audit sample #" }).first();
  await form.getByTestId("assignment-source").selectOption((await sampleOption.getAttribute("value"))!);
  await form.getByTestId(`assign-reviewer-${RITA}`).check();
  await form.getByTestId(`assign-reviewer-${REMY}`).check();
  await form.getByTestId("assignment-overlap").fill("3");
  await form.getByTestId("assignment-create").click();
  await expect(form.getByTestId("assignment-message")).toContainText("overlap cannot exceed the number of reviewers");
  await form.getByTestId("assignment-overlap").fill("2");
  await form.getByTestId("assignment-create").click();
  await expect(form.getByTestId("assignment-message")).toContainText(`Assigned ${SAMPLE_SIZE} items (${2 * SAMPLE_SIZE} reviews)`);
  const assignment = lead.getByTestId("assignment-list").locator("li").first();
  await expect(assignment.getByTestId("assignment-progress")).toContainText(`0/${SAMPLE_SIZE} items done`);

  const sftBefore = await (await request.get(`/api/export/${datasetId}/sft.jsonl`)).text();
  const inSft = (imagePath: string) => sftBefore.includes(`"output_image": "${imagePath}"`);

  // rita accepts everything; remy rejects the first item that is in the SFT export.
  await walkAssigned(rita, RITA, datasetId, () => "a");
  let disputed: { candidateId: number; imagePath: string } | null = null;
  const remyItems = await walkAssigned(remy, REMY, datasetId, (candidateId, imagePath) => {
    if (disputed || !inSft(imagePath)) return "a";
    disputed = { candidateId, imagePath };
    return "r";
  });
  expect(remyItems).toHaveLength(SAMPLE_SIZE);
  expect(disputed, "the sample holds an SFT output to dispute").not.toBeNull();
  const { candidateId, imagePath } = disputed!;
  // Now remy has decided it: rita's verdict is his to see.
  const seen = await (await remy.request.get(`/api/datasets/${datasetId}/items/${candidateId}`)).json();
  expect((seen.reviews as { reviewer: string; verdict: string }[]).map((review) => `${review.reviewer}:${review.verdict}`)).toEqual(
    expect.arrayContaining([`${RITA}:accept`, `${REMY}:reject`]),
  );

  // Progress, and the agreement page shows the route's κ for rita · remy.
  await lead.goto(`/datasets/${datasetId}/assignments`);
  await expect(lead.getByTestId("assignment-list").locator("li").first().getByTestId("assignment-progress")).toContainText(
    `${SAMPLE_SIZE}/${SAMPLE_SIZE} items done`,
  );
  const progress = await (await request.get(`/api/datasets/${datasetId}/assignments`)).json();
  expect(progress.assignments[0]).toMatchObject({
    items: SAMPLE_SIZE,
    itemsDone: SAMPLE_SIZE,
    slots: 2 * SAMPLE_SIZE,
    decided: 2 * SAMPLE_SIZE,
  });
  await shot(lead, "assignments");
  const agreement = (await (await request.get(`/api/datasets/${datasetId}/agreement`)).json()) as AgreementJson;
  const pair = agreement.verdicts.pairwise.find((row) => [row.a, row.b].sort().join(" ") === `${REMY} ${RITA}`)!;
  expect(pair.n).toBe(SAMPLE_SIZE);
  await lead.goto(`/datasets/${datasetId}/pairs/agreement`);
  const row = lead.locator(`tr[data-pair="${pair.a} ${pair.b}"]`);
  await expect(row.getByTestId("pair-kappa")).toHaveAttribute("data-value", String(pair.kappa ?? ""));
  await expect(lead.getByTestId("verdict-alpha")).toHaveAttribute("data-value", String(agreement.verdicts.krippendorff_alpha ?? ""));
  const ritaActivity = agreement.reviewers_activity.reviewers.find((entry) => entry.reviewer === RITA)!;
  await expect(lead.getByTestId(`reviewer-row-${RITA}`).getByTestId("items-decided")).toHaveText(String(ritaActivity.items_decided));
  await shot(lead, "agreement");

  // The lead adjudicates the disagreement: reject; the export drops the edit; history keeps both.
  await lead.goto(`/datasets/${datasetId}/adjudication`);
  const card = lead.locator(`[data-testid=adjudication-item][data-candidate-id="${candidateId}"]`);
  await expect(card.getByTestId("adjudication-verdicts")).toContainText(`${RITA}: accept`);
  await expect(card.getByTestId("adjudication-verdicts")).toContainText(`${REMY}: reject`);
  await shot(lead, "adjudication");
  await card.getByTestId("adjudicate-reject").click();
  await expect(
    lead.getByTestId("adjudication-settled").locator(`[data-candidate-id="${candidateId}"]`).getByTestId("adjudication-ruling"),
  ).toContainText("reject");
  const sftAfter = await (await request.get(`/api/export/${datasetId}/sft.jsonl`)).text();
  expect(sftBefore).toContain(`"output_image": "${imagePath}"`);
  expect(sftAfter).not.toContain(`"output_image": "${imagePath}"`);
  // The ruling is the human verdict; both decisions stay in the history remy (who decided) sees.
  const after = await (await remy.request.get(`/api/datasets/${datasetId}/items/${candidateId}`)).json();
  expect(after.candidate.humanVerdict).toBe("fail");
  await remy.goto(`/datasets/${datasetId}/items/${candidateId}`);
  await expect(remy.getByTestId("history-entry").filter({ hasText: RITA })).toHaveCount(1);
  await expect(remy.getByTestId("history-entry").filter({ hasText: REMY })).toHaveCount(1);
  // The export page's gold cut (no gold items here: nobody is left out, and it says so).
  await lead.goto(`/datasets/${datasetId}/export?min_gold=0.8`);
  await expect(lead.getByTestId("gold-filter-summary")).toContainText("No reviewer is below 0.8");
  await expect(lead.getByTestId("download-sft.jsonl")).toHaveAttribute("href", /min_gold=0.8/);
  await shot(lead, "export");
});
