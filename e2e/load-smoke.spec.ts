// The load benchmark as a short smoke test: 5 signed-in reviewers for 10 s against their own
// instance of the build (npm run bench -- load), with no request failing and every decision the
// clients were told was saved found once in the database. Timings are the benchmark's business.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";

test("5 reviewers × 10 s: no errors, no lost or duplicated decision", async () => {
  test.setTimeout(240_000);
  const run = spawnSync(
    "npx",
    ["tsx", "--conditions=react-server", "scripts/bench.ts", "load", "--reviewers", "5", "--seconds", "10", "--think-ms", "200"],
    {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "", TEST_DATABASE_URL: "" },
      timeout: 220_000,
    },
  );
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
  expect(result.first_errors).toEqual([]);
  expect(result.errors).toBe(0);
  expect(result.decisions_confirmed).toBeGreaterThan(5);
  expect(result.decisions_stored).toBe(result.decisions_confirmed);
  expect(result.lost_or_duplicated).toBe(0);
});
