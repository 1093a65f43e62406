// Judge runs and the judge audit, end to end against the fake Gemini API (playwright.config.ts
// starts scripts/fake-gemini.ts and points GEMINI_BASE_URL at it): run a judge from the site over
// a browse filter, watch it finish, see its scores on the item page; add human decisions; check the
// audit page shows the JSON route's numbers; follow a number to its items; apply a threshold.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";

test.describe.configure({ mode: "serial" });

type Candidate = { id: number; editType: string; judgeOverall: number | null; judgeVerdict: string; imagePath: string };

async function demoDatasetId(page: Page): Promise<number> {
  await page.goto("/");
  const href = await page.locator("[data-testid=dataset-card] h2 a").first().getAttribute("href");
  expect(href).toMatch(/^\/datasets\/\d+$/);
  return Number(href!.split("/").pop());
}

async function candidates(request: APIRequestContext, datasetId: number, query: string): Promise<Candidate[]> {
  const response = await request.get(`/api/datasets/${datasetId}/candidates?${query}`);
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { items: Candidate[] }).items;
}

async function auditJson(request: APIRequestContext, datasetId: number) {
  const response = await request.get(`/api/datasets/${datasetId}/audit`);
  expect(response.ok()).toBeTruthy();
  return response.json();
}

test("a Gemini run from the judge page: live progress, then scores on the item page", async ({ page, request }) => {
  const datasetId = await demoDatasetId(page);
  const [first] = await candidates(request, datasetId, "limit=1&sort=type");
  // Judge exactly what the browse page shows for one edit type (the "current browse filter" path).
  await page.goto(`/datasets/${datasetId}/judge?type=${encodeURIComponent(first.editType)}`);
  await expect(page.getByText(/The browse filter: type = /)).toBeVisible();
  await page.getByLabel("Concurrency").fill("2");
  await page.getByRole("button", { name: "Start judging" }).click();
  const notice = page.getByTestId("judge-notice");
  await expect(notice).toContainText(/Job #\d+ started/);
  const jobId = /#(\d+)/.exec((await notice.textContent())!)![1];

  const card = page.locator(`[data-testid=judge-job][data-job-id="${jobId}"]`);
  await expect(card).toBeVisible();
  // The list polls the server while the job runs; the bar reaches 100% and the job reports done.
  await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(card).toHaveAttribute("data-state", "done");
  await expect(card.getByTestId("job-progress")).toHaveText(/^(\d+) judged · 0 failed · \1 total$/);
  await expect(card).toContainText(/[1-9][\d,]* in \/ [1-9][\d,]* out tokens · \$0\.\d{4}/);
  await expect(card).toContainText(/gemini\/.+\/rubric-v\d+/);

  await page.goto(`/datasets/${datasetId}/items/${first.id}`);
  const judgement = page.getByTestId("judgement").filter({ hasText: /gemini\// });
  await expect(judgement).toBeVisible();
  // Gemini scores all four criteria (the metrics judge leaves two "not scored").
  await expect(judgement.getByText("not scored")).toHaveCount(0);
  await expect(judgement.locator("tr")).toHaveCount(5);
});

test("the audit page shows the JSON's numbers and each number opens its items", async ({ page, request }) => {
  const datasetId = await demoDatasetId(page);
  // Human decisions through the import route: agree with the judge on two items in three.
  // Both judge verdicts, so κ is defined: up to 15 passes and 15 fails.
  const passes = await candidates(request, datasetId, "judge=pass&limit=15");
  const fails = await candidates(request, datasetId, "judge=fail&limit=15");
  expect(passes.length).toBeGreaterThan(2);
  expect(fails.length).toBeGreaterThan(2);
  const lines = [...passes, ...fails].map((item, index) => {
    const agrees = index % 3 !== 0;
    const accept = (item.judgeVerdict === "pass") === agrees;
    return JSON.stringify({
      image: item.imagePath,
      reviewer: "e2e-auditor",
      verdict: accept ? "accept" : "reject",
      reason_tags: [],
      time: "2026-03-01T12:00:00Z",
    });
  });
  const upload = await request.post(`/api/imports?dataset=${datasetId}&name=e2e-decisions.jsonl`, {
    data: `${lines.join("\n")}\n`,
    headers: { "content-type": "application/x-ndjson" },
  });
  expect(upload.status()).toBe(202);
  const { id: importId } = await upload.json();
  await expect.poll(async () => (await (await request.get(`/api/imports/${importId}`)).json()).phase, { timeout: 30_000 }).toBe("done");

  const report = await auditJson(request, datasetId);
  expect(report.labelled).toBeGreaterThanOrEqual(lines.length - 2);
  expect(report.kappa_ci).toHaveLength(2);

  await page.goto(`/datasets/${datasetId}/audit`);
  await expect(page.getByTestId("audit-labelled")).toHaveAttribute("data-value", String(report.labelled));
  await expect(page.getByTestId("audit-accuracy")).toHaveAttribute("data-value", String(report.accuracy));
  await expect(page.getByTestId("audit-kappa")).toHaveAttribute("data-value", String(report.kappa));
  await expect(page.getByTestId("audit-ece")).toHaveAttribute("data-value", String(report.ece));
  await expect(page.getByTestId("audit-kappa")).toContainText(report.kappa.toFixed(2));
  // The exact optimum: two decimals on the 0.01 grid, four off it.
  const best: number = report.best_threshold;
  await expect(page.getByTestId("best-threshold")).toHaveText(best.toFixed(Math.abs(best * 100 - Math.round(best * 100)) < 1e-9 ? 2 : 4));
  await expect(page.getByTestId("audit-contamination")).toHaveAttribute("data-value", String(report.contamination.rate ?? ""));
  // The "Where" answer and the direction table lead with the slices the judge is too lenient on.
  await expect(page.getByTestId("audit-direction")).toBeVisible();
  if (report.too_lenient.length > 0) {
    const first = report.too_lenient[0];
    await expect(page.getByTestId("too-lenient").getByTestId("direction-row").first()).toHaveAttribute(
      "data-key",
      first.edit_type ?? first.group,
    );
  }
  await expect(page.getByTestId("slice-table-edit_type").getByTestId("slice-row").first()).toHaveAttribute(
    "data-key",
    report.by_edit_type[0].edit_type,
  );
  await expect(page.getByTestId("sampling-panel")).toHaveAttribute("data-kind", report.sampling.kind);

  // The wrong-accept cell opens Browse filtered to exactly those items.
  const wrongAccepts = report.confusion.judge_pass_human_fail;
  await expect(page.getByTestId("confusion-pass-fail")).toContainText(String(wrongAccepts));
  await page.getByTestId("confusion-pass-fail").click();
  await expect(page).toHaveURL(new RegExp(`/datasets/${datasetId}\\?judge=pass&human=fail$`));
  await expect(page.getByTestId("match-count")).toHaveText(`${wrongAccepts.toLocaleString("en-US")} matching`);
});

test("applying a threshold is confirmed, flips the previewed verdicts, and can be undone", async ({ page, request }) => {
  const datasetId = await demoDatasetId(page);
  const before = await auditJson(request, datasetId);
  const original: number = before.dataset.threshold;
  const target = original === 0.5 ? 0.6 : 0.5;
  const apply = async (threshold: number) => {
    await page.goto(`/datasets/${datasetId}/audit`);
    await page.getByLabel("Threshold to try").fill(String(threshold));
    await page.getByTestId("apply-threshold").click();
    await expect(page.getByTestId("apply-preview")).toContainText(/stored judge verdicts flip/);
    await page.getByTestId("apply-confirm").click();
    await expect(page.getByRole("status").filter({ hasText: /^Applied/ })).toBeVisible();
  };
  const preview = await (await request.get(`/api/datasets/${datasetId}/audit/preview?threshold=${target}`)).json();
  await apply(target);
  const after = await auditJson(request, datasetId);
  expect(after.dataset.threshold).toBe(target);
  // The stored verdicts moved by what the dialog announced.
  const passBefore = Math.round(before.population.judge_pass_rate * before.population.judged);
  const passAfter = Math.round(after.population.judge_pass_rate * after.population.judged);
  expect(passAfter - passBefore).toBe(preview.toPass - preview.toFail);
  await apply(original);
  expect((await auditJson(request, datasetId)).dataset.threshold).toBe(original);
});

test("judge against judge: the page validates its query and compares two judges on the same items", async ({ page, request }) => {
  const datasetId = await demoDatasetId(page);
  const judges: string[] = (await auditJson(request, datasetId)).options.judge_ids;
  expect(judges.length).toBeGreaterThanOrEqual(1);
  await page.goto(`/datasets/${datasetId}/audit/compare?a=${encodeURIComponent(judges[0])}&b=${encodeURIComponent(judges[0])}`);
  await expect(page.getByTestId("compare-errors")).toContainText("pick two different judges");
  await expect(page.getByTestId("judge-comparison")).toHaveCount(0);
  await page.goto(`/datasets/${datasetId}/audit/compare?a=${encodeURIComponent(judges[0])}&b=no-such-judge`);
  await expect(page.getByTestId("compare-errors")).toContainText('no verdicts from judge "no-such-judge"');
  test.skip(judges.length < 2, "needs verdicts from two judges on reviewed items");
  // Picking through the form: the choice becomes the URL.
  await page.getByLabel("Judge B").selectOption(judges[1]);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(/\/audit\/compare\?a=.+&b=.+/);
  await expect(page.getByTestId("compare-sentence")).toContainText(/agrees with reviewers|cannot be compared|No item has/);
  await expect(page.getByTestId("compare-side-a")).toContainText(judges[0]);
  await expect(page.getByTestId("compare-side-b")).toContainText(judges[1]);
});
