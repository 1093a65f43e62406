import type { Metadata } from "next";
import { connection } from "next/server";
import { ImportFormats } from "@/components/import/import-formats";
import { ImportForm } from "@/components/import/import-form";
import { ImportRunList } from "@/components/import/import-run-list";
import { listDatasetChoices, listImportRuns } from "@/lib/db/queries/imports";
import { getDb } from "@/lib/db/server";
import { requirePageAccess } from "@/lib/auth/page-access";
import { activeRunIds } from "@/lib/import/upload-jobs";
import { CDN_BASE } from "@/lib/taxonomy";

export const metadata: Metadata = { title: "Import · Ripe" };

export default async function ImportPage() {
  await connection();
  const db = await getDb();
  // Uploads into a new dataset are a site admin's; a dataset's own owner can still POST /api/imports?dataset=ID.
  await requirePageAccess(db, "site-admin", null);
  const [datasets, runs] = [await listDatasetChoices(db), await listImportRuns(db, 25)];
  const active = await activeRunIds(db);
  const liveRunIds = runs.filter((run) => run.status === "running" && active.has(run.id)).map((run) => run.id);
  return (
    <div className="mx-auto max-w-6xl px-6 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">Import</h1>
      <p className="mt-1 max-w-2xl text-sm text-neutral-400">
        Upload Pico-Banana manifests, judge scores or decisions. Files stream to the server and import in the background; you can leave this
        page and come back.
      </p>
      <div className="mt-8 grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <ImportForm datasets={datasets} cdnBase={CDN_BASE} />
        <ImportFormats />
      </div>
      <section className="mt-12">
        <h2 className="mb-3 text-lg font-semibold">Recent imports</h2>
        <ImportRunList runs={runs} liveRunIds={liveRunIds} />
      </section>
    </div>
  );
}
