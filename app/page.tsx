import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getDb } from "@/lib/db/server";
import { listDatasetSummaries } from "@/lib/db/queries/overview";
import { memberDatasetRoles } from "@/lib/db/queries/accounts";
import { pageAccount } from "@/lib/auth/page-access";
import { datasetAccess, isSiteAdmin } from "@/lib/auth/roles";
import { DatasetCard } from "@/components/home/dataset-card";

export const metadata: Metadata = { title: "Datasets · Ripe" };

export default async function HomePage() {
  await connection();
  const db = await getDb();
  const account = await pageAccount(db);
  const all = await listDatasetSummaries(db);
  // A member sees the datasets it has a role on; site admins see them all.
  const roles = await memberDatasetRoles(db, account.id);
  const datasets = isSiteAdmin(account.role) ? all : all.filter((dataset) => roles.has(dataset.id));
  return (
    <div className="mx-auto max-w-6xl px-6 py-10">
      <div className="mb-8 flex items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Datasets</h1>
          <p className="mt-1 max-w-2xl text-sm text-neutral-400">
            Browse edits by category, audit the judge&apos;s verdicts, label preference pairs and export the curated dataset in the
            Pico-Banana format.
          </p>
        </div>
        {isSiteAdmin(account.role) && (
          <Link href="/import" className="rounded-md bg-amber-500 px-3 py-2 text-sm font-medium text-neutral-950 hover:bg-amber-400">
            Import manifests
          </Link>
        )}
      </div>
      {datasets.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-700 p-8 text-center text-neutral-400">
          No datasets yet.{" "}
          <Link href="/import" className="text-amber-300 underline">
            Import a Pico-Banana manifest
          </Link>{" "}
          to start.
        </p>
      ) : (
        <ul className="grid gap-4" data-testid="dataset-list">
          {datasets.map((dataset) => (
            <DatasetCard key={dataset.id} dataset={dataset} can={datasetAccess(account.role, roles.get(dataset.id) ?? null)} />
          ))}
        </ul>
      )}
    </div>
  );
}
