// UI benchmark in a real Chromium: from the key press to the next item drawn (its data shown and
// both canvas images loaded, then one frame), and from a mode key to the stage in that mode.
// Timed in the page with the Performance API.
import { chromium } from "@playwright/test";
import { flag, type ParsedArgs } from "../cli/args";
import { percentile } from "./browse-bench";
import { findChromium, startApp } from "./app-server";

const log = (message: string) => process.stderr.write(`${message}\n`);

export async function run(args: ParsedArgs) {
  const steps = Number(flag(args, "steps") ?? 30);
  const executablePath = findChromium();
  if (!executablePath) throw new Error("No Chromium: apt-get install chromium, or set PLAYWRIGHT_CHROMIUM_PATH");
  const app = await startApp(log);
  const browser = await chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    // tsx (esbuild keepNames) wraps functions in __name(); the page has no such helper.
    await page.addInitScript({ content: "window.__name = (fn) => fn;" });
    await page.goto(`${app.url}/`);
    const datasetHref = await page.locator("[data-testid=dataset-card] h2 a").first().getAttribute("href");
    await page.goto(`${app.url}${datasetHref}?sort=newest`);
    await page.locator("[data-testid=candidate-card]").first().click();
    await page.waitForSelector("[data-testid=review-workspace]");
    await page.evaluate(() =>
      localStorage.setItem("ripe.compare", JSON.stringify({ mode: "side-by-side", view: { zoom: 1, centerX: 0.5, centerY: 0.5 } })),
    );
    await page.reload();
    await page.waitForFunction(
      () => {
        const stage = (window as unknown as { Konva?: { stages: { id(): string; getAttr(name: string): unknown }[] } }).Konva?.stages.find(
          (entry) => entry.id() === "compare-stage",
        );
        return stage?.getAttr("leftStatus") === "loaded" && stage?.getAttr("rightStatus") === "loaded";
      },
      null,
      { timeout: 30_000 },
    );
    await page
      .locator("[data-testid=auto-advance]")
      .uncheck()
      .catch(() => {});
    const next: number[] = [];
    for (let step = 0; step < steps; step++) {
      await page.waitForTimeout(150); // a reviewer looks before pressing the key; prefetch runs meanwhile
      const ms = await page.evaluate(async () => {
        const root = document.querySelector<HTMLElement>("[data-testid=review-workspace]")!;
        const before = root.dataset.candidateId;
        const stageOf = () =>
          (window as unknown as { Konva: { stages: { id(): string; getAttr(name: string): unknown }[] } }).Konva.stages.find(
            (entry) => entry.id() === "compare-stage",
          );
        const start = performance.now();
        document.dispatchEvent(new KeyboardEvent("keydown", { key: "j", bubbles: true }));
        await new Promise<void>((resolve, reject) => {
          const timeout = setTimeout(() => reject(new Error("next item not drawn within 10 s")), 10_000);
          const check = () => {
            const current = document.querySelector<HTMLElement>("[data-testid=review-workspace]")?.dataset.candidateId;
            const stage = stageOf();
            if (current !== before && stage?.getAttr("leftStatus") === "loaded" && stage?.getAttr("rightStatus") === "loaded") {
              clearTimeout(timeout);
              requestAnimationFrame(() => resolve());
            } else requestAnimationFrame(check);
          };
          check();
        });
        return performance.now() - start;
      });
      next.push(ms);
    }
    const modes = ["swipe", "onion", "difference", "blink", "side-by-side"];
    const modeSwitch: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [index, mode] of modes.entries()) {
        const key = String(((index + 1) % 5) + 1);
        const ms = await page.evaluate(
          async ({ key, mode }) => {
            const stageOf = () =>
              (window as unknown as { Konva: { stages: { id(): string; getAttr(name: string): unknown }[] } }).Konva.stages.find(
                (entry) => entry.id() === "compare-stage",
              );
            const start = performance.now();
            document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
            await new Promise<void>((resolve) => {
              const check = () =>
                stageOf()?.getAttr("compareMode") === mode ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check);
              check();
            });
            return performance.now() - start;
          },
          { key, mode },
        );
        modeSwitch.push(ms);
      }
    }
    return {
      bench: "ui",
      next_item_p95_ms: Number(percentile(next, 95).toFixed(1)),
      mode_switch_p95_ms: Number(percentile(modeSwitch, 95).toFixed(1)),
      next_item_p50_ms: Number(percentile(next, 50).toFixed(1)),
      mode_switch_p50_ms: Number(percentile(modeSwitch, 50).toFixed(1)),
      steps: next.length,
    };
  } finally {
    await browser.close();
    app.stop();
  }
}
