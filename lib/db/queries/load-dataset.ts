import "server-only";
// Route params → dataset, or Next's notFound(): one place for the "no such dataset" page, and
// for the dataset pages' permission check (read unless the page asks for more).
import { notFound } from "next/navigation";
import { cache } from "react";
import type { Permission } from "../../auth/roles";
import { requirePageAccess } from "../../auth/page-access";
import { idText } from "../../ids";
import { getDb } from "../server";
import { getDataset } from "./datasets";

/** Once per page render (generateMetadata and the page both load it). */
const datasetOnce = cache(getDataset);

export async function loadDatasetOr404(datasetId: string, permission: Permission = "read") {
  const id = idText.safeParse(datasetId);
  if (!id.success) notFound();
  const db = await getDb();
  await requirePageAccess(db, permission, id.data);
  const dataset = await datasetOnce(db, id.data);
  if (!dataset) notFound();
  return { db, dataset };
}

/** An id from a URL segment, or Next's notFound() (non-numeric, zero, or too large for the database). */
export function idOr404(text: string): number {
  const id = idText.safeParse(text);
  if (!id.success) notFound();
  return id.data;
}
