import "server-only";
// Page titles in one shape, "Section · dataset · Ripe", so every tab and history entry says
// where it is. generateMetadata runs before the page: a missing dataset is already a 404 here.
import type { Metadata } from "next";
import { loadDatasetOr404 } from "../db/queries/load-dataset";

export const APP_NAME = "Ripe";

export function pageTitle(...parts: string[]): string {
  return [...parts.filter(Boolean), APP_NAME].join(" · ");
}

/** generateMetadata for a dataset page: `section` may depend on the other params. */
export function datasetMetadata<P extends { datasetId: string }>(section: string | ((params: P) => string)) {
  return async ({ params }: { params: Promise<P> }): Promise<Metadata> => {
    const resolved = await params;
    const { dataset } = await loadDatasetOr404(resolved.datasetId);
    return { title: pageTitle(typeof section === "function" ? section(resolved) : section, dataset.name) };
  };
}
