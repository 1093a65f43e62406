import "server-only";
// Throw-away databases on a PostgreSQL server, for tests that need a database of their own
// (CREATE/DROP DATABASE run outside any database the app opens, on an admin connection).
import pg from "pg";
import { z } from "zod";
import { col, execute, queryOne } from "./rows";

/** A database name made by the caller (letters, digits, underscores): it is spliced into DDL. */
function checkedName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a scratch database name: ${name}`);
  return name;
}

async function withAdmin<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** node-postgres' client as a SqlRunner (rows are checked by queryRows/queryOne). */
const runner = (admin: pg.Client) => ({ query: async (text: string, params?: unknown[]) => (await admin.query(text, params)).rows });

export function createServerDatabase(serverUrl: string, name: string): Promise<void> {
  return withAdmin(serverUrl, (admin) => execute(runner(admin), `CREATE DATABASE ${checkedName(name)}`));
}

/**
 * Drops the database once its connections are gone: pool.end() resolves before the server has seen
 * every connection go, and DROP ... WITH (FORCE) right away would kill those and their clients would
 * throw "terminating connection due to administrator command" as an uncaught error (FORCE is the last resort).
 */
export function dropServerDatabase(serverUrl: string, name: string, waitMs = 10_000): Promise<void> {
  return withAdmin(serverUrl, async (admin) => {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const { count } = await queryOne(
        runner(admin),
        z.object({ count: col.int }),
        "SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = $1",
        [name],
      );
      if (count === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await execute(runner(admin), `DROP DATABASE IF EXISTS ${checkedName(name)} WITH (FORCE)`);
  });
}
