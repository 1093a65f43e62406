// Opens the database: PGlite in a data folder (default) or a PostgreSQL server (DATABASE_URL).
// PGlite has no lock between processes, so opening takes a lockfile; a second opener gets a
// clear DataFolderBusyError instead of a second instance that would silently lose commits.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dataDir } from "../env";
import { isProcessRunning } from "../process-running";
import { createPgliteInChild } from "./pglite-init";
import * as schema from "./schema";

export type Db = ReturnType<typeof drizzlePglite<typeof schema>>;

/** A row as a driver returns it, before it is checked. */
export type SqlRow = Record<string, unknown>;

/** Raw SQL access, either on the handle or inside one of its transactions. */
export type SqlRunner = {
  /**
   * Raw SQL with positional parameters. The rows are untyped on purpose: read them through
   * queryRows/queryOne (lib/db/rows.ts), which check them against a row schema.
   */
  query(text: string, params?: unknown[]): Promise<SqlRow[]>;
  /** Bulk load CSV text (a string or its UTF-8 bytes): PGlite COPY FROM '/dev/blob', PostgreSQL COPY FROM STDIN. */
  copyFrom(table: string, columns: string[], csv: string | Uint8Array<ArrayBuffer>): Promise<void>;
};

export type DbHandle = SqlRunner & {
  db: Db;
  kind: "pglite" | "postgres";
  /** All-or-nothing unit of work. On PGlite it also holds the single connection, so other queries wait. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  describe: string;
  /** PGlite only: a consistent copy of the whole data folder as a (gzipped) tar file. */
  dumpDataDir?: () => Promise<Blob>;
  /** PGlite only: runs `COPY … TO '/dev/blob'` and returns what it wrote. */
  copyToBlob?: (sql: string) => Promise<string>;
};

export class DataFolderBusyError extends Error {
  constructor(
    public readonly dataDir: string,
    public readonly holder: { pid: number; purpose: string; port?: number },
  ) {
    super(
      `The data folder ${dataDir} is open in another process (pid ${holder.pid}, ${holder.purpose}` +
        `${holder.port ? `, serving http://localhost:${holder.port}` : ""}). PGlite cannot be shared between processes: ` +
        `stop that process first, use the app's import page, or point DATABASE_URL at a PostgreSQL server.`,
    );
    this.name = "DataFolderBusyError";
  }
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** The data folder (lib/env's one definition). */
export function resolveDataDir(): string {
  return dataDir();
}

/** Folders this process has open: a second PGlite on the same folder in one process is as bad as in two. */
const openHere = new Set<string>();

function takeLock(dataDir: string, purpose: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "ripe.lock");
  if (openHere.has(lockPath)) throw new DataFolderBusyError(dataDir, { pid: process.pid, purpose: "this process already has it open" });
  const payload = JSON.stringify({ pid: process.pid, purpose, port: process.env.PORT ? Number(process.env.PORT) : undefined });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, payload, { flag: "wx" });
      openHere.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        openHere.delete(lockPath);
        try {
          const current = JSON.parse(fs.readFileSync(lockPath, "utf8"));
          if (current.pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: { pid: number; purpose: string; port?: number };
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, "utf8"));
      } catch {
        holder = { pid: -1, purpose: "unknown" };
      }
      // Our own pid without an open handle here: a lock left by an earlier process with this pid.
      if (holder.pid > 0 && holder.pid !== process.pid && isProcessRunning(holder.pid)) throw new DataFolderBusyError(dataDir, holder);
      fs.rmSync(lockPath, { force: true }); // stale lock from a killed process
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}`);
}

/** Throws DataFolderBusyError while another process (the app) holds the data folder. */
export function assertFolderFree(dataDir: string, purpose: string) {
  takeLock(dataDir, purpose)();
}

export async function ensureExtensions(handle: Pick<DbHandle, "query">) {
  await handle.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
}

/**
 * initInChild: a PGlite folder that holds no database yet is created in a child process
 * (pglite-init.ts), for long-running CLI processes that care about their memory.
 */
export type OpenOptions = { purpose?: string; databaseUrl?: string; dataDir?: string; migrate?: boolean; initInChild?: boolean };

export async function openDatabase(options: OpenOptions = {}): Promise<DbHandle> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const handle = databaseUrl
    ? await openPostgres(databaseUrl)
    : await openPglite(options.dataDir ?? resolveDataDir(), options.purpose ?? "ripe", undefined, options.initInChild);
  if (options.migrate !== false) await migrateDatabase(handle);
  return handle;
}

/** Opens a data folder from a backup made by dumpDataDir (the folder must hold no database yet). */
export async function openFromBackup(dataDir: string, backup: Blob, purpose: string): Promise<DbHandle> {
  const handle = await openPglite(dataDir, purpose, backup);
  await migrateDatabase(handle);
  return handle;
}

export async function migrateDatabase(handle: DbHandle) {
  await ensureExtensions(handle);
  if (handle.kind === "pglite") await migratePglite(handle.db, { migrationsFolder: MIGRATIONS_FOLDER });
  else await migratePg(postgresDrizzle.get(handle)!, { migrationsFolder: MIGRATIONS_FOLDER });
  // A bulk import killed before it rebuilt its indexes leaves them missing: restore them.
  const { ensureIndexes } = await import("./indexes");
  await ensureIndexes(handle);
}

/** Where PGlite keeps its files inside the data folder. */
export function pgliteFolder(dataDir: string): string {
  return path.join(dataDir, "pglite");
}

/** Raw SQL on a PGlite instance or one of its transactions (also for a bare in-memory PGlite in tests). */
export function pgliteRunner(target: Pick<PGlite, "query">): SqlRunner {
  return {
    async query(text, params) {
      const result = await target.query<SqlRow>(text, params);
      return result.rows;
    },
    async copyFrom(table, columns, csv) {
      await target.query(`COPY ${table} (${columns.join(", ")}) FROM '/dev/blob' WITH (FORMAT csv)`, [], {
        blob: new Blob([csv]),
      });
    },
  };
}

async function openPglite(dataDir: string, purpose: string, loadDataDir?: Blob, initInChild = false): Promise<DbHandle> {
  const release = takeLock(dataDir, purpose);
  let client: PGlite;
  try {
    if (initInChild && !loadDataDir) createPgliteInChild(pgliteFolder(dataDir));
    client = await PGlite.create(pgliteFolder(dataDir), { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite(client, { schema });
  const runner = pgliteRunner;
  return {
    db: db as Db,
    kind: "pglite",
    describe: `PGlite in ${dataDir}`,
    ...runner(client),
    transaction: (work) => client.transaction((tx) => work(runner(tx))),
    dumpDataDir: () => client.dumpDataDir("gzip"),
    async copyToBlob(sql) {
      const result = await client.query(sql);
      return result.blob ? await result.blob.text() : "";
    },
    async close() {
      await client.close();
      release();
    },
  };
}

/** The node-postgres drizzle instance behind a PostgreSQL handle (its `db` is typed as the PGlite one, which has the same query API). */
const postgresDrizzle = new WeakMap<DbHandle, ReturnType<typeof drizzlePg<typeof schema>>>();

async function openPostgres(url: string): Promise<DbHandle> {
  // Idle connections stay open for minutes (node-postgres closes them after 10 s by default): a
  // new server process starts cold, paying to map every shared buffer it touches (about 100 ms
  // for a search over 6,000 matches at 1.6M), so a browse page after a pause would pay it again.
  // allowExitOnIdle: a CLI still exits once its work is done.
  const pool = new pg.Pool({ connectionString: url, max: 8, idleTimeoutMillis: 5 * 60_000, allowExitOnIdle: true });
  const pgDb = drizzlePg(pool, { schema });
  const db = pgDb as unknown as Db;
  type Queryable = Pick<pg.PoolClient, "query">;
  const copyWith = async (target: Queryable, table: string, columns: string[], csv: string | Uint8Array<ArrayBuffer>) => {
    const stream = target.query(copyFromStdin(`COPY ${table} (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv)`));
    await pipeline(Readable.from([csv]), stream);
  };
  const runner = (target: Queryable): SqlRunner => ({
    async query(text, params) {
      const result = await target.query<SqlRow>(text, params);
      return result.rows;
    },
    copyFrom: (table, columns, csv) => copyWith(target, table, columns, csv),
  });
  const handle: DbHandle = {
    db,
    kind: "postgres",
    describe: `PostgreSQL at ${url.replace(/\/\/[^@]*@/, "//…@")}`,
    async query(text, params) {
      const result = await pool.query<SqlRow>(text, params);
      return result.rows;
    },
    async copyFrom(table, columns, csv) {
      const client = await pool.connect();
      try {
        await copyWith(client, table, columns, csv);
      } finally {
        client.release();
      }
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(runner(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
  postgresDrizzle.set(handle, pgDb);
  return handle;
}

export { sql };
