import "server-only";
// Route params → dataset, or Next's notFound(): one place for the "no such dataset" page, and
// for the dataset pages' permission check (the page's entry in DATASET_PAGES: read, review or admin).
import { notFound } from "next/navigation";
import { cache } from "react";
import { DATASET_PAGES, type DatasetPage } from "../../auth/dataset-pages";
import { pageDatasetAccess, requirePageAccess } from "../../auth/page-access";
import { idText } from "../../ids";
import { getDb } from "../server";
import { getDataset } from "./datasets";

/** Once per page render (generateMetadata and the page both load it). */
const datasetOnce = cache(getDataset);

/**
 * The dataset of the URL, after checking the account may open `page` on it (403 otherwise), and
 * what else the account may do there (to hide controls and links it may not use).
 */
export async function loadDatasetOr404(datasetId: string, page: DatasetPage = "") {
  const id = idText.safeParse(datasetId);
  if (!id.success) notFound();
  const db = await getDb();
  await requirePageAccess(db, DATASET_PAGES[page], id.data);
  const dataset = await datasetOnce(db, id.data);
  if (!dataset) notFound();
  return { db, dataset, can: await pageDatasetAccess(dataset.id) };
}

/** An id from a URL segment, or Next's notFound() (non-numeric, zero, or too large for the database). */
export function idOr404(text: string): number {
  const id = idText.safeParse(text);
  if (!id.success) notFound();
  return id.data;
}
