import "server-only";
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import type { DbHandle } from "../client";
import { col, queryOne } from "../rows";
import { datasets, type Dataset } from "../schema";

export async function findDataset(handle: DbHandle, name: string): Promise<Dataset | undefined> {
  const [row] = await handle.db.select().from(datasets).where(eq(datasets.name, name));
  return row;
}

export async function getDataset(handle: DbHandle, id: number): Promise<Dataset | undefined> {
  const [row] = await handle.db.select().from(datasets).where(eq(datasets.id, id));
  return row;
}

/** Finds or creates a dataset; a base given for an existing dataset replaces the stored one. */
export async function ensureDataset(
  handle: DbHandle,
  name: string,
  options: { base?: string | null; isDemo?: boolean } = {},
): Promise<Dataset> {
  const existing = await findDataset(handle, name);
  if (existing) {
    if (options.base !== undefined && options.base !== existing.base) {
      const [updated] = await handle.db.update(datasets).set({ base: options.base }).where(eq(datasets.id, existing.id)).returning();
      return updated;
    }
    return existing;
  }
  const [created] = await handle.db
    .insert(datasets)
    .values({ name, base: options.base ?? null, isDemo: options.isDemo ?? false })
    .onConflictDoNothing()
    .returning();
  return created ?? (await findDataset(handle, name))!;
}

/** Sets (or clears, with null) the base relative image paths resolve against; the caller checked it. */
export async function setDatasetBase(handle: DbHandle, id: number, base: string | null): Promise<Dataset | undefined> {
  const [updated] = await handle.db.update(datasets).set({ base }).where(eq(datasets.id, id)).returning();
  return updated;
}

export async function countDatasets(handle: DbHandle): Promise<number> {
  const [row] = await handle.db.select({ count: count() }).from(datasets);
  return row.count;
}

export async function listDatasetNames(handle: DbHandle): Promise<string[]> {
  return (await handle.db.select({ name: datasets.name }).from(datasets).orderBy(datasets.name)).map((row) => row.name);
}

/** Migrations the database has applied (drizzle's journal table), for the readiness check. */
export async function appliedMigrationCount(handle: DbHandle): Promise<number> {
  const row = await queryOne(handle, z.object({ n: col.int }), "SELECT count(*) AS n FROM drizzle.__drizzle_migrations");
  return row.n;
}
