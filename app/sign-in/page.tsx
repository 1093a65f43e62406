import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { accountFrom } from "@/lib/auth/access";
import { safeNext } from "@/lib/auth/paths";
import { countUsers } from "@/lib/db/queries/accounts";
import { getDb } from "@/lib/db/server";

export const metadata: Metadata = { title: "Sign in · Ripe" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const next = safeNext((await searchParams).next);
  if (await accountFrom(await headers())) redirect(next);
  if ((await countUsers(await getDb())) === 0) redirect("/setup");
  return (
    <div className="mx-auto max-w-sm px-6 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-neutral-400">Sign in with the account a site admin gave you.</p>
      <SignInForm next={next} />
    </div>
  );
}
