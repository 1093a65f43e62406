import type { ReactNode } from "react";
import { requirePageAccess } from "@/lib/auth/page-access";
import { getDb } from "@/lib/db/server";
import { idOr404 } from "@/lib/db/queries/load-dataset";

type Props = { children: ReactNode; params: Promise<{ datasetId: string }> };

/** Every page of a dataset needs `read` on it (each page checks again through loadDatasetOr404). */
export default async function DatasetLayout({ children, params }: Props) {
  await requirePageAccess(await getDb(), "read", idOr404((await params).datasetId));
  return children;
}
