import "server-only";
// Creating a PGlite database runs initdb, and the WebAssembly memory that takes (~380 MB) stays
// with the process for its whole life. A long-lived process that only needs the database, such
// as a 400K-row import, creates a new data folder in a short child process instead and opens the
// existing folder itself: its resident memory starts at ~520 MB instead of ~900 MB.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const CREATE = `import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create(process.env.RIPE_PGLITE_FOLDER);
await db.close();`;

/** Whether the folder holds a PGlite database already. */
export function hasPgliteDatabase(folder: string): boolean {
  return fs.existsSync(path.join(folder, "PG_VERSION"));
}

/** Runs initdb for a new folder in a child process (the caller holds the folder's lock). */
export function createPgliteInChild(folder: string): void {
  if (hasPgliteDatabase(folder)) return;
  execFileSync(process.execPath, ["--input-type=module", "-e", CREATE], {
    env: { ...process.env, RIPE_PGLITE_FOLDER: folder },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
