// The set-up the account tests share (accounts, quick session, admin log): a fresh database with
// one-item datasets to give roles on, a scratch folder for RIPE_DATA_DIR (where the auth secret is
// kept), process.env put back after each test, and a sign-in through better-auth's HTTP handler
// the way a browser sends it. With `hasImages`, the datasets' item image is a real file (for the
// image route; API tokens).
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import type { createAuth } from "../auth/auth";
import { ensureDataset } from "../db/queries/datasets";
import { importInto, makeTempDir, type TestBackend, type TestDatabase } from "./test-db";

export const TEST_ORIGIN = "http://127.0.0.1:3000";
const TEST_HOST = "127.0.0.1:3000";

type Auth = ReturnType<typeof createAuth>;

/** The output_image of each fixture dataset's one item. */
export const FIXTURE_IMAGE = "images/a/1.png";

export type AccountsFixture = {
  database: TestDatabase;
  /** Scratch folder: the RIPE_DATA_DIR of the tests' auth; with `hasImages`, also the image root to allow (RIPE_IMAGE_ROOTS). */
  dir: string;
  dispose(): Promise<void>;
};

/**
 * A fresh database on `backend` with each of `datasets` holding one imported item. `hasImages`:
 * the datasets' base is a folder under `dir` where FIXTURE_IMAGE is a small PNG.
 */
export async function createAccountsFixture(
  backend: TestBackend,
  options: { prefix: string; datasets: string[]; hasImages?: boolean },
): Promise<AccountsFixture> {
  const dir = makeTempDir(options.prefix);
  const database = await backend.create();
  const file = path.join(dir, "sft.jsonl");
  const line = {
    open_image_input_url: "https://example.org/1.jpg",
    text: "t",
    output_image: FIXTURE_IMAGE,
    edit_type: "x",
    summarized_text: "t",
  };
  fs.writeFileSync(file, JSON.stringify(line) + "\n");
  for (const name of options.datasets) await importInto(database.handle, name, [file]);
  if (options.hasImages) {
    const base = path.join(dir, "data");
    fs.mkdirSync(path.dirname(path.join(base, FIXTURE_IMAGE)), { recursive: true });
    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: "#3a6" } })
      .png()
      .toBuffer();
    fs.writeFileSync(path.join(base, FIXTURE_IMAGE), png);
    for (const name of options.datasets) await ensureDataset(database.handle, name, { base });
  }
  return {
    database,
    dir,
    async dispose() {
      await database.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * process.env as the test file found it: `use` sets it plus a test's variables, `restore` puts it
 * back (better-auth reads its settings from the environment when createAuth runs).
 */
export function testEnvironment() {
  const saved = { ...process.env };
  return {
    use(extra: Record<string, string>) {
      process.env = { ...saved, ...extra };
    },
    restore() {
      process.env = { ...saved };
    },
  };
}

/** A password sign-in POSTed to better-auth's handler from `address` (its rate limits count per address). */
export function signInRequest(
  auth: Auth,
  credentials: { email: string; password: string; rememberMe?: boolean },
  address: string,
): Promise<Response> {
  return auth.handler(
    new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN, host: TEST_HOST, "x-forwarded-for": address },
      body: JSON.stringify(credentials),
    }),
  );
}

/** Request headers sending `cookie` back, for auth.api.getSession and the quick session lookup. */
export function cookieHeaders(cookie: string): Headers {
  return new Headers({ cookie, host: TEST_HOST });
}
