// PGlite has no lock between processes (DESIGN.md §5): opening a data folder that is already open
// must fail with DataFolderBusyError and a message saying who holds it and what to do, and the
// import CLI must print that message (no stack trace) and exit 1.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { col, queryRows } from "@/lib/db/rows";
import { DataFolderBusyError, openDatabase, type DbHandle } from "@/lib/db/client";
import { collect, createPgliteDatabase, hasOpen, makeTempDir, runCli, spawnCli, waitFor, type TestDatabase } from "@/lib/testing/test-db";

type Lock = { pid: number; purpose: string };
const readLock = (dataDir: string): Lock | null => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, "ripe.lock"), "utf8"));
  } catch {
    return null;
  }
};

describe("PGlite data folder lock", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function fresh(): Promise<TestDatabase> {
    const database = await createPgliteDatabase();
    cleanups.push(() => database.dispose());
    return database;
  }

  it("a second openDatabase in the same process throws DataFolderBusyError", async () => {
    const database = await fresh();
    let second: DbHandle | undefined;
    try {
      second = await openDatabase({ dataDir: database.dataDir, databaseUrl: "", purpose: "second opener" });
    } catch (error) {
      expect(error).toBeInstanceOf(DataFolderBusyError);
      expect((error as Error).message).toContain(database.dataDir);
      return;
    } finally {
      await second?.close();
    }
    expect.fail("the second openDatabase on an open data folder succeeded: two PGlite instances now write one folder");
  });

  it("the import CLI on a folder this process holds prints the busy message without a stack trace and exits 1", async () => {
    const database = await fresh();
    const run = await runCli("import", ["--dataset", "x", "tests/fixtures/pico-banana-sample/sft.verbatim.jsonl"], database);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^error: The data folder .* is open in another process \(pid \d+, integration test\)/);
    expect(run.stderr).toContain(`pid ${process.pid}`);
    expect(run.stderr).toMatch(/stop that process first/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toMatch(/DataFolderBusyError/);
    // The holder is untouched.
    expect(readLock(database.dataDir!)?.pid).toBe(process.pid);
    expect(await queryRows(database.handle, z.object({ one: col.int }), "SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });

  it("while the import CLI holds the folder, openDatabase here throws; after it exits the lock is gone", async () => {
    const database = await fresh();
    await database.handle.close();
    // A FIFO keeps the CLI mid-import, holding the lock, until this test closes it.
    const fifo = path.join(makeTempDir("ripe-test-fifo-"), "input.jsonl");
    execFileSync("mkfifo", [fifo]);
    const writer = fs.openSync(fifo, fs.constants.O_RDWR); // O_RDWR: never blocks, even before the reader opens
    cleanups.push(() => fs.rmSync(path.dirname(fifo), { recursive: true, force: true }));
    const child = spawnCli("import", ["--dataset", "held", fifo], database);
    const finished = collect(child);
    cleanups.push(() => void child.kill("SIGKILL"));

    await waitFor(() => readLock(database.dataDir!)?.pid === child.pid, { what: "the import CLI to take the lock", timeoutMs: 60_000 });
    const attempt = openDatabase({ dataDir: database.dataDir, databaseUrl: "", purpose: "test" });
    await expect(attempt).rejects.toBeInstanceOf(DataFolderBusyError);
    await expect(attempt).rejects.toThrow(new RegExp(`pid ${child.pid}, import CLI`));

    fs.writeSync(writer, fs.readFileSync("tests/fixtures/pico-banana-sample/sft.verbatim.jsonl", "utf8"));
    // Closing the last end before the CLI opens the FIFO would discard what was written.
    await waitFor(() => hasOpen(child.pid!, fifo), { what: "the import CLI to open its input", timeoutMs: 60_000 });
    fs.closeSync(writer); // end of input: the CLI finishes its import and exits
    const run = await finished;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 imported/);
    expect(readLock(database.dataDir!)).toBeNull();
    const handle = await openDatabase({ dataDir: database.dataDir, databaseUrl: "", purpose: "test" });
    cleanups.push(() => handle.close());
    expect(await queryRows(handle, z.object({ count: col.int }), "SELECT count(*)::int AS count FROM manifest_rows")).toEqual([
      { count: 1 },
    ]);
  }, 180_000);
});
