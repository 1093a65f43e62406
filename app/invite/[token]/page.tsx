import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { InviteForm } from "@/components/auth/invite-form";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { findLiveInvite } from "@/lib/db/queries/invites";
import { getDb } from "@/lib/db/server";

export const metadata: Metadata = { title: "Accept an invite · Ripe", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

// Permission: public, holding a live invite link (the link is the credential; it works once).
export default async function InvitePage({ params }: Props) {
  await connection();
  const { token } = await params;
  const invite = /^ripe_[A-Za-z0-9_-]{43}$/.test(token) ? await findLiveInvite(await getDb(), token) : null;
  if (!invite) {
    return (
      <div className="mx-auto max-w-md px-6 py-16">
        <h1 className="text-2xl font-semibold tracking-tight">This invite can&apos;t be used</h1>
        <p className="mt-2 text-sm text-neutral-400">
          The link was used already, has expired (after 7 days) or was mistyped. Ask whoever invited you for a new one, or{" "}
          <Link href="/sign-in" className="text-amber-300 underline">
            sign in
          </Link>
          .
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md px-6 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Join {invite.datasetName}</h1>
      <p className="mt-1 text-sm text-neutral-400">
        You are invited as <strong className="text-neutral-200">{ROLE_LABELS[invite.role]}</strong> of the dataset {invite.datasetName}.
        Choose a name and a password for {invite.email}.
      </p>
      <InviteForm token={token} email={invite.email} />
    </div>
  );
}
