// Fresh, throw-away databases for integration tests: PGlite in its own temp folder (always), and
// a database of its own on the PostgreSQL server at TEST_DATABASE_URL (when set). Each test file
// (or test) gets its own, so tests never share state and a PGlite folder is never opened twice.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DbHandle } from "../db/client";
import { ensureDataset, findDataset } from "../db/queries/datasets";
import type { ExportManifest } from "../export/export-dataset";
import { exportToFolder } from "../export/export-to-folder";
import { importFile, type ImportOptions, type ImportReport } from "../import/import-file";
import { createServerDatabase, dropServerDatabase } from "../db/scratch-databases";

export type BackendName = "pglite" | "postgres";

/** What a child process needs to reach the same database (RIPE_DATA_DIR or DATABASE_URL). */
export type TestDatabaseEnv = { RIPE_DATA_DIR?: string; DATABASE_URL?: string };

export type TestDatabase = {
  backend: BackendName;
  handle: DbHandle;
  /** PGlite: the data folder. */
  dataDir?: string;
  /** PostgreSQL: the URL of this test's own database. */
  databaseUrl?: string;
  /** Environment for a CLI child process on this database (close `handle` first on PGlite). */
  env: TestDatabaseEnv;
  /** Closes the handle (if still open) and removes the folder or drops the database. */
  dispose(): Promise<void>;
};

export type TestBackend = { name: BackendName; create(): Promise<TestDatabase> };

/** A temp folder outside the project tree (Tailwind scans the tree; DESIGN.md §5). */
export function makeTempDir(prefix = "ripe-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Closing twice is harmless; tests may close early to hand the folder to a child process. */
function closeOnce(handle: DbHandle): DbHandle {
  const close = handle.close.bind(handle);
  let closed: Promise<void> | null = null;
  return Object.assign(handle, { close: () => (closed ??= close()) });
}

/**
 * PGlite's initdb takes ~5 s on a busy 2-core machine; copying a migrated folder takes ~0.4 s.
 * So one migrated template per set of migrations (and PGlite version) is built once, in the temp
 * folder, and each test starts from a copy. Built in a scratch folder and renamed into place, so
 * parallel test workers racing to build it never see half a template.
 */
async function pgliteTemplate(): Promise<string> {
  const hash = crypto.createHash("sha256");
  const migrations = path.join(process.cwd(), "drizzle");
  for (const file of fs
    .readdirSync(migrations)
    .filter((name) => name.endsWith(".sql"))
    .sort()) {
    hash.update(file).update(fs.readFileSync(path.join(migrations, file)));
  }
  const pglitePackage = path.join(process.cwd(), "node_modules/@electric-sql/pglite/package.json");
  if (fs.existsSync(pglitePackage)) hash.update(JSON.parse(fs.readFileSync(pglitePackage, "utf8")).version);
  const template = path.join(os.tmpdir(), `ripe-test-template-${hash.digest("hex").slice(0, 16)}`);
  if (fs.existsSync(path.join(template, "pglite", "PG_VERSION"))) return template;
  fs.rmSync(template, { recursive: true, force: true }); // a broken leftover
  const scratch = makeTempDir("ripe-test-template-build-");
  const handle = await openDatabase({ dataDir: scratch, databaseUrl: "", purpose: "test template" });
  await handle.close();
  fs.rmSync(path.join(scratch, "ripe.lock"), { force: true });
  try {
    fs.renameSync(scratch, template);
  } catch {
    fs.rmSync(scratch, { recursive: true, force: true }); // another worker won the race
  }
  return template;
}

export async function createPgliteDatabase(): Promise<TestDatabase> {
  const dataDir = makeTempDir("ripe-test-pglite-");
  fs.cpSync(path.join(await pgliteTemplate(), "pglite"), path.join(dataDir, "pglite"), { recursive: true });
  // databaseUrl "" (not undefined) keeps a DATABASE_URL in the environment from redirecting this to a server.
  const handle = closeOnce(await openDatabase({ dataDir, databaseUrl: "", purpose: "integration test" }));
  return {
    backend: "pglite",
    handle,
    dataDir,
    env: { RIPE_DATA_DIR: dataDir },
    async dispose() {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** CREATE DATABASE ripe_test_<random> on the server; DROP ... WITH (FORCE) on dispose. */
export async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `ripe_test_${crypto.randomBytes(6).toString("hex")}`;
  await createServerDatabase(serverUrl, name);
  const databaseUrl = withDatabaseName(serverUrl, name);
  const handle = closeOnce(await openDatabase({ databaseUrl, purpose: "integration test" }));
  return {
    backend: "postgres",
    handle,
    databaseUrl,
    env: { DATABASE_URL: databaseUrl },
    async dispose() {
      await handle.close();
      await dropServerDatabase(serverUrl, name);
    },
  };
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. Use with describe.each. */
export function testBackends(env: Record<string, string | undefined> = process.env): TestBackend[] {
  const backends: TestBackend[] = [{ name: "pglite", create: createPgliteDatabase }];
  const serverUrl = env.TEST_DATABASE_URL;
  if (serverUrl) backends.push({ name: "postgres", create: () => createPostgresDatabase(serverUrl) });
  return backends;
}

/** Reopens a test database after its handle was closed (e.g. after a CLI child process ran on it). */
export async function reopen(database: TestDatabase): Promise<DbHandle> {
  const handle = closeOnce(
    await openDatabase(
      database.backend === "pglite"
        ? { dataDir: database.dataDir, databaseUrl: "", purpose: "integration test" }
        : { databaseUrl: database.databaseUrl, purpose: "integration test" },
    ),
  );
  database.handle = handle;
  return handle;
}

export type CliResult = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/**
 * Starts a CLI script (scripts/NAME.ts) in a child process the way npm runs it (tsx with the
 * react-server condition), as ONE process (`node --import tsx`), so a signal reaches the importer
 * itself and not a wrapper. `database` picks the data folder or server; DATABASE_URL from the
 * parent environment never leaks into a PGlite run.
 */
export function spawnCli(
  script: string,
  args: string[],
  database: Pick<TestDatabase, "env">,
  extraEnv: Record<string, string> = {},
): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, ...database.env, ...extraEnv };
  if (!database.env.DATABASE_URL) delete env.DATABASE_URL;
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join("scripts", `${script}.ts`), ...args], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs a CLI script to the end and collects its output. */
export function runCli(
  script: string,
  args: string[],
  database: Pick<TestDatabase, "env">,
  extraEnv: Record<string, string> = {},
): Promise<CliResult> {
  const child = spawnCli(script, args, database, extraEnv);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Imports files into a dataset (created when missing) through the real importer. */
export async function importInto(
  handle: DbHandle,
  datasetName: string,
  files: string[],
  options: Partial<Omit<ImportOptions, "datasetId" | "file">> = {},
): Promise<ImportReport[]> {
  const dataset = await ensureDataset(handle, datasetName);
  const reports: ImportReport[] = [];
  for (const file of files)
    reports.push(await importFile(handle, { ...options, datasetId: dataset.id, file, label: options.label ?? path.basename(file) }));
  return reports;
}

export type ExportResult = { dir: string; manifest: ExportManifest; read(file: string): string; readBytes(file: string): Buffer };

/** Exports a dataset through the real exporter into a new folder inside `parentDir` (the test's scratch folder). */
export async function exportOf(handle: DbHandle, datasetName: string, parentDir: string): Promise<ExportResult> {
  const dataset = await findDataset(handle, datasetName);
  if (!dataset) throw new Error(`no dataset named ${datasetName}`);
  const dir = fs.mkdtempSync(path.join(parentDir, "export-"));
  const manifest = await exportToFolder(handle, dataset, dir);
  return {
    dir,
    manifest,
    read: (file) => fs.readFileSync(path.join(dir, file), "utf8"),
    readBytes: (file) => fs.readFileSync(path.join(dir, file)),
  };
}

/** Polls until `condition` holds (waiting for a state, never for a fixed time). */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: { what: string; timeoutMs?: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** Whether process `pid` has `file` open (Linux /proc), e.g. a CLI that reached its input FIFO. */
export function hasOpen(pid: number, file: string): boolean {
  const target = fs.realpathSync(file);
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === target;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}
