import "server-only";
// The web app's one database handle, opened lazily on the first request and kept for the
// process (PGlite holds its data folder lock for as long as the server runs).
import { openDatabase, type DbHandle } from "./client";

const globalForDb = globalThis as unknown as { ripeDb?: Promise<DbHandle> };

export function getDb(): Promise<DbHandle> {
  globalForDb.ripeDb ??= openDatabase({ purpose: "Ripe web app" }).catch((error) => {
    globalForDb.ripeDb = undefined;
    throw error;
  });
  return globalForDb.ripeDb;
}
