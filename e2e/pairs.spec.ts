// Preference pairs: label several pairs with the keyboard, see the sides randomised and recorded,
// undo, and find the labels in the preference, DPO and both-bad exports (downloaded through the
// export route); the pair views on the shared canvas; the agreement page linking to its pairs;
// a manual pair made on the item page.
import type { Page } from "@playwright/test";
import { ACCOUNTS } from "./fixtures/accounts";
import { expect, test } from "./fixtures/test";

const STAGE = "pair-stage";
/** The signed-in owner labels: its reviewer row is named after its email. */
const REVIEWER = ACCOUNTS.owner.email;

type Row = {
  pairId: number;
  requestId: number;
  origin: string;
  a: number;
  b: number;
  pathA: string;
  pathB: string;
  verdictA: string;
  verdictB: string;
};
type Shown = { pairId: number; a: number; b: number; left: number };

async function datasetPath(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.locator("[data-testid=dataset-card] h2 a").first().getAttribute("href");
  expect(href).toMatch(/^\/datasets\/\d+$/);
  return href!;
}

async function pairRows(page: Page, url: string): Promise<Row[]> {
  await page.goto(url);
  await expect(page.getByTestId("pair-list")).toBeVisible();
  return page.locator("[data-pair-row]").evaluateAll((items) =>
    items.map((item) => {
      const data = (item as HTMLElement).dataset;
      return {
        pairId: Number(data.pairRow),
        requestId: Number(data.requestId),
        origin: data.origin!,
        a: Number(data.candidateA),
        b: Number(data.candidateB),
        pathA: data.pathA!,
        pathB: data.pathB!,
        verdictA: data.verdictA!,
        verdictB: data.verdictB!,
      };
    }),
  );
}

async function shownPair(page: Page): Promise<Shown> {
  const labeller = page.getByTestId("pair-labeller");
  await expect(labeller).not.toHaveAttribute("data-pair-id", "");
  const read = async (name: string) => Number(await labeller.getAttribute(name));
  return {
    pairId: await read("data-pair-id"),
    a: await read("data-candidate-a"),
    b: await read("data-candidate-b"),
    left: await read("data-left-candidate-id"),
  };
}

async function allSaved(page: Page) {
  const status = page.getByTestId("label-save-status");
  await expect(status).toHaveAttribute("data-pending", "0");
  await expect(status).toHaveAttribute("data-failed", "0");
}

test("label pairs with the keyboard: sides randomised and recorded, undo, exports", async ({ page, konva, request }) => {
  const path = await datasetPath(page);
  const datasetId = path.split("/").pop();
  const manifestRows = await pairRows(page, `${path}/pairs?origin=manifest`);
  expect(manifestRows.length).toBeGreaterThanOrEqual(8);
  // A pair whose rejected attempt B passes: preferring B makes it the preference row's chosen
  // image and the manifest's chosen one of its rejected.
  const flip = manifestRows.find((row) => row.verdictB === "pass");
  expect(flip, "the demo dataset needs a preference row whose rejected attempt passes").toBeTruthy();

  await page.goto(`${path}/pairs/label?repeat=0&pair=${flip!.pairId}`);
  await konva.waitForStage(STAGE);
  await konva.expectStageAttr(STAGE, "leftStatus", "loaded");
  await konva.expectStageAttr(STAGE, "rightStatus", "loaded");
  // Judge scores stay hidden until the pair is labelled, even when the reveal box is ticked.
  await page.getByTestId("reveal-judge").check();
  await expect(page.getByTestId("judge-hidden")).toBeVisible();

  // B preferred (by whichever key is on B's side), then a tie, B, both bad, B, B, B, B.
  const plan = ["B", "B", "tie", "B", "both_bad", "B", "B", "B"] as const;
  const labelled: (Shown & { label: string })[] = [];
  for (const [index, planned] of plan.entries() as Iterable<[number, string]>) {
    let choice = planned;
    const shown = await shownPair(page);
    expect([shown.a, shown.b]).toContain(shown.left);
    await konva.expectStageAttr(STAGE, "leftCandidateId", shown.left);
    if (index === 0) expect(shown.pairId).toBe(flip!.pairId);
    // Another pair of the flip's request gets a tie, not a win, so B stays that request's winner.
    if (index > 0 && choice === "B" && manifestRows.find((row) => row.pairId === shown.pairId)?.requestId === flip!.requestId)
      choice = "tie";
    const isLeft = shown.left === shown.b;
    const key =
      choice === "tie" ? "t" : choice === "both_bad" ? "b" : index % 2 ? (isLeft ? "1" : "2") : isLeft ? "ArrowLeft" : "ArrowRight";
    await page.keyboard.press(key);
    labelled.push({ ...shown, label: choice === "B" ? "b" : choice });
    await expect(page.getByTestId("pair-labeller")).not.toHaveAttribute("data-pair-id", String(shown.pairId));
  }
  await expect(page.getByTestId("pair-progress")).toContainText(`${plan.length} labelled this session`);
  // Sides are randomised per pair: both orders occurred.
  expect(new Set(labelled.map((entry) => entry.left === entry.a)).size).toBe(2);
  await allSaved(page);

  // Undo (z) goes back to the last pair; label it again, differently.
  const last = labelled[labelled.length - 1];
  await page.keyboard.press("z");
  await expect(page.getByTestId("pair-labeller")).toHaveAttribute("data-pair-id", String(last.pairId));
  await expect(page.getByTestId("label-message")).toContainText("Undid");
  await allSaved(page);
  const relabel = last.label === "tie" ? "both_bad" : "tie";
  await page.keyboard.press(relabel === "tie" ? "t" : "b");
  await allSaved(page);

  // The pairs list shows every label with the side that was shown, and the undone one struck out.
  const labelledRows = await pairRows(page, `${path}/pairs?status=labelled`);
  for (const entry of labelled) {
    const row = page.locator(`[data-pair-row="${entry.pairId}"]`);
    const live = row.locator('[data-label-id][data-is-undone="false"]');
    await expect(live.first()).toHaveAttribute("data-left-candidate-id", String(entry.left));
    await expect(live.first()).toHaveAttribute("data-label", entry === last ? relabel : entry.label);
  }
  await expect(page.locator(`[data-pair-row="${last.pairId}"] [data-is-undone="true"]`)).toHaveAttribute("data-label", last.label);

  // Exports through the route: DPO lines with provenance, both-bad list, preference row flipped.
  const pathOf = (pairId: number, candidate: "a" | "b") => {
    const row = labelledRows.find((entry) => entry.pairId === pairId)!;
    return candidate === "a" ? row.pathA : row.pathB;
  };
  const dpo = (await (await request.get(`/api/export/${datasetId}/dpo.jsonl`)).text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  for (const entry of labelled) {
    const line = dpo.find((row) => row.provenance.pair_id === entry.pairId);
    if (entry.label !== "b" || entry === last) {
      expect(line, `pair ${entry.pairId} (${entry.label}) is not a DPO row`).toBeUndefined();
      continue;
    }
    expect(line).toMatchObject({
      chosen: pathOf(entry.pairId, "b"),
      rejected: pathOf(entry.pairId, "a"),
      provenance: { decided_by: "human", reviewers: [REVIEWER] },
    });
    expect(line.provenance.label_ids).toHaveLength(1);
    expect(Object.keys(line)).toEqual([
      "instruction",
      "summarized_instruction",
      "source_image",
      "chosen",
      "rejected",
      "edit_type",
      "provenance",
    ]);
  }
  const bothBad = (await (await request.get(`/api/export/${datasetId}/both-bad.jsonl`)).text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const bothBadPair = labelled.find((entry) => entry.label === "both_bad")!;
  expect(bothBad.flatMap((row) => row.pair_ids)).toContain(bothBadPair.pairId);
  const preference = (await (await request.get(`/api/export/${datasetId}/preference.jsonl`)).text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  expect(preference.find((row) => row.output_image === flip!.pathB)?.rejected_images).toContain(flip!.pathA);
  const manifest = await (await request.get(`/api/export/${datasetId}/manifest.json`)).json();
  const finalLabels = labelled.map((entry) => (entry === last ? relabel : entry.label));
  expect(manifest.files["dpo.jsonl"].dropReasons.tie).toBe(finalLabels.filter((label) => label === "tie").length);
  expect(manifest.files["dpo.jsonl"].dropReasons.both_bad).toBe(finalLabels.filter((label) => label === "both_bad").length);
  expect(manifest.notes.join(" ")).toContain("Preference labels");
});

test("pair views share the canvas, scores show after labelling, agreement links to its pairs", async ({ page, konva }) => {
  const path = await datasetPath(page);
  await page.goto(`${path}/pairs/label?repeat=0`);
  await konva.waitForStage(STAGE);
  await konva.expectStageAttr(STAGE, "compareMode", "three-up");
  await page.keyboard.press("+");
  await expect.poll(async () => Number(await konva.stageAttr(STAGE, "zoom"))).toBeGreaterThan(1);
  await page.locator('[data-pair-view-button="left-right"]').click();
  await konva.expectStageAttr(STAGE, "compareMode", "side-by-side");
  await page.keyboard.press("4"); // "4" is still a compare mode here; "1" and "2" are labels
  await konva.expectStageAttr(STAGE, "compareMode", "difference");
  await page.locator('[data-pair-view-button="vs-source"]').click();
  await expect(page.locator("[data-pair-view]")).toHaveAttribute("data-pair-view", "vs-source");
  await page.locator('[data-pair-view-button="three-up"]').click();
  await konva.expectStageAttr(STAGE, "compareMode", "three-up");

  const first = await shownPair(page);
  await page.keyboard.press("t");
  await expect(page.getByTestId("pair-labeller")).not.toHaveAttribute("data-pair-id", String(first.pairId));
  await page.getByRole("button", { name: "← Previous pair" }).click();
  await expect(page.getByTestId("pair-labeller")).toHaveAttribute("data-pair-id", String(first.pairId));
  await page.getByTestId("reveal-judge").check();
  await expect(page.getByTestId("judge-scores")).toBeVisible();
  await allSaved(page);

  await page.goto(`${path}/pairs/agreement`);
  const mine = page.locator(`[data-reviewer="${REVIEWER}"]`);
  await expect(mine).toBeVisible();
  await mine.locator("a[data-metric]").first().click();
  await expect(page.getByTestId("pair-metric")).toContainText(REVIEWER);
  await expect(page.locator("[data-pair-row]").first()).toBeVisible();
});

test("a manual pair from the item page opens on the labelling screen", async ({ page }) => {
  const path = await datasetPath(page);
  const rows = await pairRows(page, `${path}/pairs?origin=manifest`);
  await page.goto(`${path}/items/${rows[0].a}`);
  await expect(page.getByTestId("review-workspace")).toBeVisible();
  await page.getByTestId("make-pair").getByRole("button").click();
  await expect(page).toHaveURL(/\/pairs\/label\?pair=\d+/);
  const shown = await shownPair(page);
  expect([shown.a, shown.b]).toContain(rows[0].a);
});
