import "server-only";
// The admin log: one row per account or role change (who, what, on whom, details), written by
// the CLI, the account routes and the settings actions; read newest first on /settings/accounts.
import { desc } from "drizzle-orm";
import type { DbHandle } from "../client";
import { adminLog } from "../schema";

/** Who the command line acts as: the operator, who holds the data folder. */
export const CLI_ACTOR = "cli";

export type AdminLogEntry = { actor: string; action: string; target: string; details?: Record<string, unknown> };

export async function logAdmin(db: DbHandle, entry: AdminLogEntry): Promise<void> {
  await db.db.insert(adminLog).values({ ...entry, details: entry.details ?? {} });
}

export type AdminLogView = { id: number; actor: string; action: string; target: string; details: Record<string, unknown>; createdAt: Date };

export async function listAdminLog(db: DbHandle, limit = 200): Promise<AdminLogView[]> {
  return db.db.select().from(adminLog).orderBy(desc(adminLog.createdAt), desc(adminLog.id)).limit(limit);
}
