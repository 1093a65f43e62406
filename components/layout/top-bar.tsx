import Link from "next/link";
import { headers } from "next/headers";
import { accountFrom } from "@/lib/auth/access";
import { isSiteAdmin, ROLE_LABELS } from "@/lib/auth/roles";
import { AccountMenu } from "./account-menu";

export async function TopBar() {
  const account = await accountFrom(await headers());
  return (
    <header className="sticky top-0 z-30 flex h-12 items-center gap-6 border-b border-neutral-800 bg-neutral-950/95 px-4 backdrop-blur">
      <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
        <span aria-hidden className="inline-block h-3 w-3 rounded-full bg-amber-400" />
        Ripe
      </Link>
      {account && (
        <nav className="flex gap-4 text-sm text-neutral-400">
          <Link href="/" className="hover:text-neutral-100">
            Datasets
          </Link>
          {isSiteAdmin(account.role) && (
            <Link href="/import" className="hover:text-neutral-100">
              Import
            </Link>
          )}
        </nav>
      )}
      {account && (
        <div className="ml-auto">
          <AccountMenu email={account.email} role={ROLE_LABELS[account.role]} isSiteAdmin={isSiteAdmin(account.role)} />
        </div>
      )}
    </header>
  );
}
