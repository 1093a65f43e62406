// The app starts on a fresh data folder, loads the demo dataset (demo/) through the real importer,
// and the home page lists it with counts that match the demo files.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures/test";

const DEMO_DIR = path.resolve("demo");

function readJsonl<T>(name: string): T[] {
  const file = path.join(DEMO_DIR, name);
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/** What the card must show, derived from the demo files alone. */
function expectedCounts() {
  const sft = readJsonl<{ output_image: string }>("sft.jsonl");
  const preference = readJsonl<{ output_image: string; rejected_images: string[] }>("preference.jsonl");
  const multiTurn = readJsonl<{ metadata_edit_turn_prompts: string[] }>("multi-turn.jsonl");
  const scores = readJsonl<{ image: string }>("judge-scores.jsonl");
  const decisions = readJsonl<{ image: string }>("decisions.jsonl");
  const sftOutputs = new Set(sft.map((row) => row.output_image));
  // A preference row joins the SFT request with its chosen image; otherwise it is a request of its own.
  const extraRequests = new Set(preference.filter((row) => !sftOutputs.has(row.output_image)).map((row) => row.output_image));
  const rejected = new Set(preference.flatMap((row) => row.rejected_images.map((image) => `${row.output_image}\n${image}`)));
  const turns = multiTurn.reduce((sum, row) => sum + row.metadata_edit_turn_prompts.length, 0);
  return {
    sftRows: sft.length,
    requests: sft.length + turns + extraRequests.size,
    candidates: sft.length + turns + extraRequests.size + rejected.size,
    sessions: multiTurn.length,
    pairs: rejected.size,
    judged: new Set(scores.map((row) => row.image)).size,
    reviewed: new Set(decisions.map((row) => row.image)).size,
  };
}

const leadingNumber = (text: string) => Number(/^[\d,]+/.exec(text.trim())?.[0].replaceAll(",", "") ?? Number.NaN);

test("the home page lists the demo dataset with its counts", async ({ page }, testInfo) => {
  const expected = expectedCounts();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Datasets", level: 1 })).toBeVisible();

  const card = page.locator("[data-testid=dataset-card]").filter({ has: page.getByRole("heading", { name: "demo-real-photos" }) });
  await expect(card).toHaveCount(1);
  await expect(card).toBeVisible();
  await expect(card.getByText("demo · real photos")).toBeVisible();

  // The card's statistics as label → value.
  const stats = new Map<string, string>();
  for (const row of await card.locator("dl > div").all()) {
    stats.set((await row.locator("dt").innerText()).trim(), (await row.locator("dd").innerText()).trim());
  }
  const shown = (label: string) => {
    expect(stats.has(label), `the card shows "${label}" (it shows: ${[...stats.keys()].join(", ")})`).toBe(true);
    return leadingNumber(stats.get(label)!);
  };
  expect(shown("Requests")).toBe(expected.requests);
  expect(shown("Candidates")).toBe(expected.candidates);
  expect(shown("Multi-turn sessions")).toBe(expected.sessions);
  expect(shown("Preference pairs")).toBe(expected.pairs);
  expect(shown("Judged")).toBe(expected.judged);
  expect(shown("Reviewed")).toBe(expected.reviewed);
  expect(shown("Edit types")).toBeGreaterThan(expected.sftRows > 0 ? 0 : -1);

  const screenshot = path.join("test-results", "home.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  await testInfo.attach("home", { path: screenshot, contentType: "image/png" });
});
