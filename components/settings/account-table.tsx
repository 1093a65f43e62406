"use client";
// Every account on the site (site admins): site role, dataset roles, and disable / enable.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setAccountDisabledAction } from "@/lib/actions/accounts/set-account-disabled";

export type AccountRow = {
  email: string;
  name: string;
  role: string;
  datasets: string;
  isDisabled: boolean;
  isSelf: boolean;
  created: string;
};

export function AccountTable({ accounts }: { accounts: AccountRow[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, startWork] = useTransition();
  const toggle = (email: string, isDisabled: boolean) =>
    startWork(async () => {
      const result = await setAccountDisabledAction({ email, isDisabled });
      setError(result.ok ? null : result.error);
      router.refresh();
    });
  return (
    <div className="space-y-2">
      {error && (
        <p role="alert" className="text-sm text-red-400">
          {error}
        </p>
      )}
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-neutral-400">
          <tr>
            <th className="py-1">Account</th>
            <th>Site role</th>
            <th>Dataset roles</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.email} className="border-t border-neutral-800" data-testid="account-row">
              <td className={`py-2 ${account.isDisabled ? "text-neutral-500 line-through" : "text-neutral-100"}`}>
                {account.email}
                {account.name !== account.email && <span className="ml-2 text-neutral-500">{account.name}</span>}
              </td>
              <td className="text-neutral-300">{account.role}</td>
              <td className="text-neutral-400">{account.datasets || "—"}</td>
              <td className="text-neutral-400">{account.created}</td>
              <td className="text-right">
                {!account.isSelf && (
                  <button
                    type="button"
                    disabled={isBusy}
                    onClick={() => toggle(account.email, !account.isDisabled)}
                    className="rounded border border-neutral-700 px-2 py-1 text-xs text-neutral-200 hover:border-amber-500"
                  >
                    {account.isDisabled ? "Enable" : "Disable"}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
