// Keeping the data: a backup of the embedded database restores to the same rows and the same
// export; backup and restore refuse while the app holds the folder; migrate-to copies the embedded
// database into an empty PostgreSQL database with equal counts and an equal export.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryOne } from "@/lib/db/rows";
import { createServerDatabase, dropServerDatabase } from "@/lib/db/scratch-databases";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { countRows, tablesInCopyOrder } from "@/lib/db/queries/transfer";
import { exportOf, importInto, makeTempDir, runCli } from "@/lib/testing/test-db";

const SAMPLE = path.resolve("tests/fixtures/pico-banana-sample");
const FILES = [
  path.join(SAMPLE, "sft.third-party-modified.xiongpeilin.jsonl"),
  path.join(SAMPLE, "multi-turn.verbatim.jsonl"),
  path.resolve("tests/fixtures/preference.sample.jsonl"),
  path.resolve("tests/fixtures/judge-scores.sample.jsonl"),
  path.resolve("tests/fixtures/decisions.sample.jsonl"),
];
const TABLES = tablesInCopyOrder();

async function snapshot(handle: DbHandle, scratch: string) {
  const counts = Object.fromEntries(await Promise.all(TABLES.map(async (table) => [table, await countRows(handle, table)] as const)));
  const exported = await exportOf(handle, "kept", scratch);
  const files = Object.fromEntries(["sft.jsonl", "preference.jsonl", "multi-turn.jsonl"].map((file) => [file, exported.read(file)]));
  return { counts, files, rows: exported.manifest.files };
}

describe("backup, restore and migrate-to", () => {
  let scratch: string;
  let dataDir: string;
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    scratch = makeTempDir("ripe-keep-");
    dataDir = path.join(scratch, "data");
    const handle = await openDatabase({ dataDir, purpose: "test" });
    const reports = await importInto(handle, "kept", FILES);
    for (const report of reports) expect(report.errors).toEqual([]);
    before = await snapshot(handle, scratch);
    await handle.close();
  });
  afterAll(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("refuses a backup while another process holds the data folder, and says to stop it", async () => {
    const holder = await openDatabase({ dataDir, purpose: "Ripe web app" });
    try {
      const result = await runCli("backup", ["--out", path.join(scratch, "busy.tar.gz")], { env: { RIPE_DATA_DIR: dataDir } });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/open in another process.*stop that process/s);
      expect(fs.existsSync(path.join(scratch, "busy.tar.gz"))).toBe(false);
    } finally {
      await holder.close();
    }
  });

  it("restores a backup to the same rows and the same export, and won't overwrite without --force", async () => {
    const file = path.join(scratch, "ripe.tar.gz");
    const backup = await runCli("backup", ["--out", file], { env: { RIPE_DATA_DIR: dataDir } });
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);

    const restoredDir = path.join(scratch, "restored");
    const restore = await runCli("restore", [file], { env: { RIPE_DATA_DIR: restoredDir } });
    expect(restore.code, restore.stderr).toBe(0);
    const handle = await openDatabase({ dataDir: restoredDir, purpose: "test" });
    expect(await snapshot(handle, scratch)).toEqual(before);
    await handle.close();

    const again = await runCli("restore", [file], { env: { RIPE_DATA_DIR: restoredDir } });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds a database.*--force/s);
    const forced = await runCli("restore", [file, "--force"], { env: { RIPE_DATA_DIR: restoredDir } });
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.readdirSync(restoredDir).some((name) => name.startsWith("pglite.before-restore-"))).toBe(true);
  });

  it.runIf(Boolean(process.env.TEST_DATABASE_URL))("migrate-to copies everything to an empty PostgreSQL database", async () => {
    const server = process.env.TEST_DATABASE_URL!;
    const name = `ripe_migrate_${Date.now().toString(36)}`;
    await createServerDatabase(server, name);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    try {
      const result = await runCli("migrate-to", [url.href, "--quiet"], { env: { RIPE_DATA_DIR: dataDir } });
      expect(result.code, result.stderr).toBe(0);
      const target = await openDatabase({ databaseUrl: url.href });
      const after = await snapshot(target, scratch);
      expect(after).toEqual(before);
      // New rows get fresh ids after the copied ones.
      const { id } = await queryOne(
        target,
        z.object({ id: col.int }),
        "INSERT INTO reviewers (name) VALUES ('after-migration') RETURNING id",
      );
      const { max } = await queryOne(
        target,
        z.object({ max: col.int }),
        "SELECT max(id) AS max FROM reviewers WHERE name <> 'after-migration'",
      );
      expect(id).toBeGreaterThan(max);
      await target.close();

      const again = await runCli("migrate-to", [url.href, "--quiet"], { env: { RIPE_DATA_DIR: dataDir } });
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/already holds datasets/);
    } finally {
      await dropServerDatabase(server, name, 0);
    }
  });
});
