import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { AccountTable } from "@/components/settings/account-table";
import { requirePageAccess } from "@/lib/auth/page-access";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { listMemberships, listUsers } from "@/lib/db/queries/accounts";
import { listAdminLog } from "@/lib/db/queries/admin-log";
import { listDatasetSummaries } from "@/lib/db/queries/overview";
import { getDb } from "@/lib/db/server";

export const metadata: Metadata = { title: "Accounts · Ripe" };

const when = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");

// Permission: site admin.
export default async function AccountsPage() {
  await connection();
  const db = await getDb();
  const account = await requirePageAccess(db, "site-admin", null);
  const [users, memberships, log, datasets] = await Promise.all([
    listUsers(db),
    listMemberships(db),
    listAdminLog(db),
    listDatasetSummaries(db),
  ]);
  const rolesOf = (userId: string) =>
    memberships
      .filter((membership) => membership.userId === userId)
      .map((membership) => `${membership.datasetName}: ${ROLE_LABELS[membership.role]}`)
      .join(", ");
  return (
    <div className="mx-auto max-w-5xl space-y-8 p-6">
      <section className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Accounts</h1>
        <p className="text-sm text-neutral-400">
          Disabling an account ends its sessions and stops its API tokens. Roles on a dataset and invites by link are on each dataset&apos;s
          settings page.
        </p>
        <AccountTable
          accounts={users.map((user) => ({
            email: user.email,
            name: user.name,
            role: ROLE_LABELS[user.role],
            datasets: rolesOf(user.id),
            isDisabled: user.disabled,
            isSelf: user.id === account.id,
            created: when(user.createdAt).slice(0, 10),
          }))}
        />
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Dataset members</h2>
        <ul className="flex flex-wrap gap-2 text-sm">
          {datasets.map((dataset) => (
            <li key={dataset.id}>
              <Link
                href={`/datasets/${dataset.id}/settings`}
                className="rounded border border-neutral-700 px-2 py-1 text-amber-300 hover:border-amber-500"
              >
                {dataset.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Admin log</h2>
        <table className="w-full text-left text-sm" data-testid="admin-log">
          <thead className="text-xs text-neutral-400">
            <tr>
              <th className="py-1">When (UTC)</th>
              <th>Who</th>
              <th>What</th>
              <th>On</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {log.length === 0 && (
              <tr>
                <td colSpan={5} className="py-2 text-neutral-500">
                  Nothing yet.
                </td>
              </tr>
            )}
            {log.map((entry) => (
              <tr key={entry.id} className="border-t border-neutral-800">
                <td className="py-1.5 whitespace-nowrap text-neutral-400">{when(entry.createdAt)}</td>
                <td className="text-neutral-200">{entry.actor}</td>
                <td className="font-mono text-xs text-amber-200">{entry.action}</td>
                <td className="text-neutral-200">{entry.target}</td>
                <td className="font-mono text-xs text-neutral-400">
                  {Object.entries(entry.details)
                    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
                    .join(" ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
