import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { OwnerForm } from "@/components/auth/owner-form";
import { countUsers } from "@/lib/db/queries/accounts";
import { getDb } from "@/lib/db/server";

export const metadata: Metadata = { title: "Create the owner account · Ripe" };

/** First start only: once any account exists this page sends people to sign in. */
export default async function SetupPage() {
  await connection();
  if ((await countUsers(await getDb())) > 0) redirect("/sign-in");
  return (
    <div className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Create the owner account</h1>
      <p className="mt-1 text-sm text-neutral-400">
        This Ripe has no account yet. The owner manages accounts and datasets; others get theirs from the owner (or from{" "}
        <code>npm run user -- add</code>).
      </p>
      <OwnerForm />
    </div>
  );
}
