import "server-only";
// Route params → dataset, or Next's notFound(): one place for the "no such dataset" page.
import { notFound } from "next/navigation";
import { getDb } from "../server";
import { getDataset } from "./datasets";

export async function loadDatasetOr404(datasetId: string) {
  const id = Number(datasetId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const db = await getDb();
  const dataset = await getDataset(db, id);
  if (!dataset) notFound();
  return { db, dataset };
}
