import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoButton } from "@/components/auth/sso-button";
import { accountFrom } from "@/lib/auth/access";
import { safeNext } from "@/lib/auth/paths";
import { ssoErrorMessage, ssoSettings } from "@/lib/auth/sso";
import { countUsers } from "@/lib/db/queries/accounts";
import { getDb } from "@/lib/db/server";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in · Ripe" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  await connection();
  const params = await searchParams;
  const next = safeNext(params.next);
  const sso = ssoSettings(env());
  const ssoError = ssoErrorMessage(typeof params.error === "string" ? params.error : undefined);
  if (await accountFrom(await headers())) redirect(next);
  if ((await countUsers(await getDb())) === 0) redirect("/setup");
  return (
    <div className="mx-auto max-w-sm px-6 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-neutral-400">Sign in with the account a site admin gave you.</p>
      {ssoError && (
        <p role="alert" className="mt-6 rounded border border-red-900 bg-red-950/40 px-3 py-2 text-sm text-red-300">
          {ssoError}
        </p>
      )}
      {sso && (
        <div className="mt-6">
          <SsoButton name={sso.name} next={next} />
          <p className="mt-4 text-center text-xs text-neutral-500">or with a password</p>
        </div>
      )}
      <SignInForm next={next} />
    </div>
  );
}
