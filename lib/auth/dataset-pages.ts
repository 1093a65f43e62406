// Which permission each page of a dataset needs, in one table (drizzle-free: the navigation, the
// pages and the e2e walk read it). A page is for the role that can use it: a viewer reads, so the
// review walks need `review` and the pages whose every control is an admin action (judge runs,
// assignments, adjudication, settings) need `admin`; such a page answers 403 to a viewer instead of
// rendering controls that would only be refused, and the navigation does not link to it.
import type { DatasetPermission } from "./roles";

export const DATASET_PAGES = {
  "": "read",
  "/items/[candidateId]": "read",
  "/queue": "review",
  "/queue/walk": "review",
  "/queue/assigned": "review",
  "/queue/sample/[sampleId]": "review",
  "/assignments": "admin",
  "/adjudication": "admin",
  "/pairs": "read",
  "/pairs/label": "review",
  "/pairs/agreement": "read",
  "/judge": "admin",
  "/audit": "read",
  "/audit/compare": "read",
  "/export": "read",
  "/settings": "admin",
} as const satisfies Record<string, DatasetPermission>;

/** A page's path below /datasets/[datasetId] ("" for the browse page). */
export type DatasetPage = keyof typeof DATASET_PAGES;
