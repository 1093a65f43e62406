"use client";
// The signed-in account in the top bar: who, which site role, and sign-out (this browser, or every
// session of the account). Sign-out goes to better-auth's endpoints; the server drops the session.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

async function post(path: string) {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (!response.ok) throw new Error(`The server answered ${response.status}`);
}

export function AccountMenu({ email, role, isSiteAdmin }: { email: string; role: string; isSiteAdmin: boolean }) {
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const signOut = (isEverywhere: boolean) =>
    startTransition(async () => {
      try {
        if (isEverywhere) await post("/api/auth/revoke-sessions");
        await post("/api/auth/sign-out");
        router.replace("/sign-in");
        router.refresh();
      } catch (caught) {
        setError(`Could not sign out: ${(caught as Error).message}; try again.`);
      }
    });
  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={isOpen}
        onClick={() => setIsOpen((open) => !open)}
        className="rounded px-2 py-1 text-sm text-neutral-300 hover:bg-neutral-800"
        data-testid="account-menu"
      >
        <span className="font-medium text-amber-300">{email}</span> <span className="text-neutral-400">· {role}</span>
      </button>
      {isOpen && (
        <div className="absolute right-0 mt-1 w-56 rounded-md border border-neutral-700 bg-neutral-900 p-1 text-sm shadow-lg">
          <Link href="/settings/tokens" onClick={() => setIsOpen(false)} className="block rounded px-3 py-2 hover:bg-neutral-800">
            API tokens
          </Link>
          {isSiteAdmin && (
            <Link href="/settings/accounts" onClick={() => setIsOpen(false)} className="block rounded px-3 py-2 hover:bg-neutral-800">
              Accounts and admin log
            </Link>
          )}
          <button
            type="button"
            disabled={isPending}
            onClick={() => signOut(false)}
            className="block w-full rounded px-3 py-2 text-left hover:bg-neutral-800"
          >
            Sign out
          </button>
          <button
            type="button"
            disabled={isPending}
            onClick={() => signOut(true)}
            className="block w-full rounded px-3 py-2 text-left hover:bg-neutral-800"
          >
            Sign out everywhere
          </button>
          {error && <p className="px-3 py-2 text-xs text-red-400">{error}</p>}
        </div>
      )}
    </div>
  );
}
